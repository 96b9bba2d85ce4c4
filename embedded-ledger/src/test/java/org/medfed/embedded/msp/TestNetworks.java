package org.medfed.embedded.msp;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.medfed.embedded.config.NetworkLayout;

/** Layouts in a scratch folder, and identities serialised as the fabric-gateway client sends them. */
final class TestNetworks {

    private TestNetworks() {}

    /** A network.config naming {@code orgs}, in {@code dir}, with its data folder {@code dir/data}. */
    static NetworkLayout layout(Path dir, String... orgs) {
        Path config = dir.resolve("network.config");
        try {
            Files.write(
                    config,
                    List.of(
                            "CHANNEL=medfed",
                            "CHAINCODE_NAME=medfed",
                            "ORGS=" + String.join(",", orgs),
                            "ORG_PORT_BASE=7000",
                            "ORG_PORT_STRIDE=1000",
                            "PEER_OFFSET=51"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return NetworkLayout.load(config, dir.resolve("data"));
    }

    static byte[] serialized(String mspId, byte[] pem) {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(pem))
                .build()
                .toByteArray();
    }

    /** SerializedIdentity{mspId, the certificate of {@code mspDir}/signcerts}. */
    static byte[] serializedUser(String mspId, Path mspDir) {
        try (var files = Files.list(mspDir.resolve("signcerts"))) {
            return serialized(mspId, Files.readAllBytes(files.findFirst().orElseThrow()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
