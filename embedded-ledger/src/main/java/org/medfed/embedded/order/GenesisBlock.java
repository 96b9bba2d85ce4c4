package org.medfed.embedded.order;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.medfed.embedded.channel.Channel;
import org.medfed.embedded.store.TxOutcome;

/**
 * Block 0: one CONFIG envelope naming the channel and its founding organisations' MSPs, so the chain starts from a
 * block that says what the channel is (Fabric's genesis block carries the full channel configuration; the embedded
 * network's configuration is network.config plus the MSP folders, so this records the membership only).
 */
final class GenesisBlock {

    private GenesisBlock() {}

    static Envelope envelope(Channel channel) {
        ConfigGroup.Builder application = ConfigGroup.newBuilder();
        for (String msp : channel.mspIds()) {
            application.putGroups(msp, ConfigGroup.getDefaultInstance());
        }
        Config config = Config.newBuilder()
                .setChannelGroup(ConfigGroup.newBuilder().putGroups("Application", application.build()))
                .build();
        Instant now = Instant.now();
        ChannelHeader header = ChannelHeader.newBuilder()
                .setType(HeaderType.CONFIG_VALUE)
                .setChannelId(channel.id())
                .setTimestamp(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(header.toByteString()))
                .setData(ConfigEnvelope.newBuilder().setConfig(config).build().toByteString())
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build();
    }

    static List<TxOutcome> outcomes() {
        return List.of(new TxOutcome(
                0, "", TxValidationCode.VALID, Timestamp.getDefaultInstance(), TxReadWriteSet.getDefaultInstance()));
    }
}
