package org.medfed.embedded.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.embedded.store.Ledgers;

/**
 * The embedded ledger as a real process that is killed with -9: acknowledged submits survive, events resume from a
 * checkpoint, and a block altered on disk is found by verify-chain.
 */
class LedgerRecoveryIT {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedSubmitIsCommittedAfterTheLedgerIsKilledDuringOrdering() throws Exception {
        // A 3 s batch timeout keeps the acknowledged envelopes in the ordering stage when the ledger is killed.
        try (TestNetwork net = TestNetwork.childProcess(dir, "3s")) {
            List<SubmittedTransaction> acknowledged = new ArrayList<>();
            try (Gateway g = net.connect("Alpha", "User1")) {
                Contract cc = contract(g);
                for (int i = 0; i < 5; i++) {
                    acknowledged.add(cc.newProposal("put")
                            .addArguments("ack/" + i, "v" + i)
                            .build()
                            .endorse()
                            .submitAsync());
                }
                net.killLedger();
                net.startChild();
                for (SubmittedTransaction tx : acknowledged) {
                    assertThat(tx.getStatus().getCode())
                            .as(tx.getTransactionId())
                            .isEqualTo(TxValidationCode.VALID);
                }
                for (int i = 0; i < 5; i++) {
                    assertThat(new String(cc.evaluateTransaction("get", "ack/" + i), UTF_8))
                            .isEqualTo("v" + i);
                }
            }
        }
    }

    @Test
    void chaincodeEventsResumeFromACheckpointAfterTheLedgerRestarts() throws Exception {
        try (TestNetwork net = TestNetwork.childProcess(dir, "100ms")) {
            Path checkpointFile = dir.resolve("events.checkpoint");
            long start;
            try (Gateway g = net.connect("Beta", "User1")) {
                Contract cc = contract(g);
                start = cc.newProposal("emit")
                        .addArguments("e", "1")
                        .build()
                        .endorse()
                        .submitAsync()
                        .getStatus()
                        .getBlockNumber();
                cc.submitTransaction("emit", "e", "2");
                cc.submitTransaction("emit", "e", "3");
                try (FileCheckpointer checkpointer = new FileCheckpointer(checkpointFile);
                        CloseableIterator<ChaincodeEvent> events = network(g)
                                .newChaincodeEventsRequest(TestNetwork.CHAINCODE)
                                .startBlock(start)
                                .build()
                                .getEvents()) {
                    for (int i = 1; i <= 2; i++) {
                        ChaincodeEvent e = events.next();
                        assertThat(new String(e.getPayload(), UTF_8)).isEqualTo(String.valueOf(i));
                        checkpointer.checkpointChaincodeEvent(e);
                    }
                }
            }
            net.killLedger();
            net.startChild();
            try (Gateway g = net.connect("Gamma", "User1")) {
                contract(g).submitTransaction("emit", "e", "4");
                try (FileCheckpointer checkpointer = new FileCheckpointer(checkpointFile);
                        CloseableIterator<ChaincodeEvent> events = network(g)
                                .newChaincodeEventsRequest(TestNetwork.CHAINCODE)
                                .checkpoint(checkpointer)
                                .startBlock(start)
                                .build()
                                .getEvents(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))) {
                    assertThat(new String(events.next().getPayload(), UTF_8)).isEqualTo("3");
                    assertThat(new String(events.next().getPayload(), UTF_8)).isEqualTo("4");
                }
            }
        }
    }

    @Test
    void verifyChainNamesABlockAlteredOnDisk() throws Exception {
        try (TestNetwork net = TestNetwork.childProcess(dir, "100ms")) {
            try (Gateway g = net.connect("Alpha", "User1")) {
                for (int i = 0; i < 4; i++) {
                    contract(g).submitTransaction("put", "t" + i, "v");
                }
            }
            assertThat(verifyChain(net).exitCode).isZero();
            net.killLedger();
            Ledgers.tamperBlock(net.layout.ledgerDir(), 2, block -> forgeFirstTransaction(block));
            Result tampered = verifyChain(net);
            assertThat(tampered.exitCode).isEqualTo(1);
            assertThat(tampered.output).contains("chain TAMPERED", "block 2");
        }
    }

    private static Block forgeFirstTransaction(Block block) {
        byte[] forged = block.getData().getData(0).toByteArray();
        forged[forged.length / 2] ^= 0x01;
        BlockData data = block.getData().toBuilder()
                .setData(0, ByteString.copyFrom(forged))
                .build();
        return block.toBuilder().setData(data).build();
    }

    private record Result(int exitCode, String output) {}

    private static Result verifyChain(TestNetwork net) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        classpath,
                        "org.medfed.embedded.Main",
                        "verify-chain",
                        "--config",
                        net.dir.resolve("network.config").toString(),
                        "--data",
                        net.layout.dataDir().toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        System.out.print(out);
        return new Result(p.exitValue(), out);
    }

    private static Network network(Gateway g) {
        return g.getNetwork(TestNetwork.CHANNEL);
    }

    private static Contract contract(Gateway g) {
        return network(g).getContract(TestNetwork.CHAINCODE);
    }
}
