package org.medfed.embedded.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.embedded.msp.CryptoGenerator;
import org.medfed.embedded.msp.Validity;

/**
 * Fabric semantics of the embedded ledger, checked with the unchanged fabric-gateway client; a subclass says how
 * the network runs ({@link LedgerConformanceIT}: chaincode servers, TLS ports; {@link InProcessLedgerConformanceTest}:
 * all in this JVM) and calls {@link #use} before the cases.
 */
abstract class LedgerConformanceCases {

    @TempDir
    static Path dir;

    static TestNetwork net;
    static Gateway alpha;
    static Contract cc;

    /** The network the cases run on; Gamma's chaincode answers "gamma" to {@code diverge}, the others "". */
    static void use(TestNetwork network) {
        net = network;
        alpha = net.connect("Alpha", "User1");
        cc = alpha.getNetwork(TestNetwork.CHANNEL).getContract(TestNetwork.CHAINCODE);
    }

    @AfterAll
    static void down() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void twoConcurrentReadWritesOfOneKeyCommitOneAndRefuseTheOtherWithMvccReadConflict() throws Exception {
        cc.submitTransaction("put", "counter", "0");
        Transaction first = cc.newProposal("readThenWrite")
                .addArguments("counter", "1")
                .build()
                .endorse();
        Transaction second = cc.newProposal("readThenWrite")
                .addArguments("counter", "2")
                .build()
                .endorse();
        SubmittedTransaction a = first.submitAsync();
        SubmittedTransaction b = second.submitAsync();
        Status sa = a.getStatus();
        Status sb = b.getStatus();
        assertThat(List.of(sa.getCode(), sb.getCode()))
                .containsExactlyInAnyOrder(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT);
        String winner = sa.isSuccessful() ? "1" : "2";
        assertThat(new String(cc.evaluateTransaction("get", "counter"), UTF_8)).isEqualTo(winner);
    }

    @Test
    void aTransactionEndorsedByOneOrganisationOfThreeFailsTheMajorityPolicyAtCommit() throws Exception {
        Status status = cc.newProposal("put")
                .addArguments("minority", "x")
                .setEndorsingOrganizations("AlphaMSP")
                .build()
                .endorse()
                .submitAsync()
                .getStatus();
        assertThat(status.getCode()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(cc.evaluateTransaction("get", "minority")).isEmpty();
    }

    @Test
    void aCommittedTransactionIdIsRefusedAtEndorsementAndItsEnvelopeAppliedOnlyOnce() throws Exception {
        org.hyperledger.fabric.client.Proposal proposal =
                cc.newProposal("put").addArguments("twice", "1").build();
        byte[] proposalBytes = proposal.getBytes();
        Transaction tx = proposal.endorse();
        byte[] envelope = tx.getBytes();
        assertThat(tx.submitAsync().getStatus().getCode()).isEqualTo(TxValidationCode.VALID);

        assertThatThrownBy(() -> alpha.newProposal(proposalBytes).endorse())
                .isInstanceOfSatisfying(
                        EndorseException.class,
                        e -> assertThat(e.getDetails())
                                .anySatisfy(d -> assertThat(d.getMessage())
                                        .startsWith("duplicate transaction found [" + tx.getTransactionId()
                                                + "]. Creator [")));

        alpha.newTransaction(envelope).submitAsync();
        // Blocks commit in order: once a later transaction is in, the resubmitted envelope has been validated.
        cc.submitTransaction("put", "after-twice", "x");
        String history = new String(cc.evaluateTransaction("history", "twice"), UTF_8);
        assertThat(history.split("\\\"txId\\\"", -1)).as(history).hasSize(2);
    }

    @Test
    void aKeyInsertedIntoARangeThatATransactionReadMakesItAPhantomReadConflict() throws Exception {
        cc.submitTransaction("put", "ph/a", "x");
        Transaction reader =
                cc.newProposal("range").addArguments("ph/", "ph0").build().endorse();
        cc.submitTransaction("put", "ph/b", "y");
        Status status = reader.submitAsync().getStatus();
        assertThat(status.getCode()).isEqualTo(TxValidationCode.PHANTOM_READ_CONFLICT);
    }

    @Test
    void aReadAfterAWriteInOneTransactionSeesTheCommittedValue() throws Exception {
        cc.submitTransaction("put", "ryw", "committed");
        byte[] seen = cc.submitTransaction("readAfterWrite", "ryw", "written");
        assertThat(new String(seen, UTF_8)).isEqualTo("committed");
        assertThat(new String(cc.evaluateTransaction("get", "ryw"), UTF_8)).isEqualTo("written");
    }

    @Test
    void paginatedRangesReturnPagesAndBookmarksToTheEnd() throws Exception {
        for (int i = 0; i < 25; i++) {
            cc.newProposal("put")
                    .addArguments(String.format("pg/%02d", i), "v" + i)
                    .build()
                    .endorse()
                    .submitAsync();
        }
        cc.submitTransaction("put", "pg/zz", "last");
        String page1 = new String(cc.evaluateTransaction("rangePage", "pg/", "pg0", "10", ""), UTF_8);
        assertThat(page1)
                .startsWith("{\"keys\":[\"pg/00\",")
                .contains("\"pg/09\"],\"bookmark\":\"pg/10\"")
                .contains("\"fetched\":10");
        String page3 = new String(cc.evaluateTransaction("rangePage", "pg/", "pg0", "10", "pg/20"), UTF_8);
        assertThat(page3)
                .isEqualTo("{\"keys\":[\"pg/20\",\"pg/21\",\"pg/22\",\"pg/23\",\"pg/24\",\"pg/zz\"],"
                        + "\"bookmark\":\"\",\"fetched\":6}");
    }

    @Test
    void historyListsEveryModificationNewestFirstWithDeletes() throws Exception {
        cc.submitTransaction("put", "h", "v1");
        cc.submitTransaction("put", "h", "v2");
        cc.submitTransaction("del", "h");
        String history = new String(cc.evaluateTransaction("history", "h"), UTF_8);
        int delete = history.indexOf("\"isDelete\":true");
        int v2 = history.indexOf("\"v2\"");
        int v1 = history.indexOf("\"v1\"");
        assertThat(delete).isNotNegative().isLessThan(v2);
        assertThat(v2).isLessThan(v1);
    }

    @Test
    void aDivergingEndorserIsRefusedWithProposalResponsePayloadsDoNotMatch() {
        assertThatThrownBy(() -> cc.newProposal("diverge")
                        .setEndorsingOrganizations("AlphaMSP", "GammaMSP")
                        .build()
                        .endorse())
                .isInstanceOfSatisfying(EndorseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.ABORTED);
                    // Fabric's gateway compares each response with the first to arrive, so either may be named.
                    assertThat(e.getDetails()).anySatisfy(d -> {
                        assertThat(d.getMspId()).isIn("AlphaMSP", "GammaMSP");
                        assertThat(d.getMessage()).isEqualTo("ProposalResponsePayloads do not match");
                    });
                });
    }

    @Test
    void theMajorityOfAgreeingOrganisationsCommitsWhenOneWouldDiverge() throws Exception {
        // Alpha's gateway endorses on Alpha and then Beta (MAJORITY of 3), which agree; Gamma would not.
        Status status =
                cc.newProposal("diverge").build().endorse().submitAsync().getStatus();
        assertThat(status.getCode()).isEqualTo(TxValidationCode.VALID);
    }

    @Test
    void aChaincodeErrorReachesTheClientAsFabricWordsIt() {
        assertThatThrownBy(() -> cc.submitTransaction("fail", "ROUND_NOT_OPEN: round 3 is closed"))
                .isInstanceOfSatisfying(EndorseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.ABORTED);
                    assertThat(e.getMessage()).contains("failed to endorse transaction, see attached details");
                    assertThat(e.getDetails())
                            .singleElement()
                            .satisfies(d -> assertThat(d.getMessage())
                                    .isEqualTo("chaincode response 500, ROUND_NOT_OPEN: round 3 is closed"));
                });
        assertThatThrownBy(() -> cc.evaluateTransaction("fail", "NOPE: no"))
                .isInstanceOfSatisfying(
                        GatewayException.class,
                        e -> assertThat(e.getMessage())
                                .contains(
                                        "evaluate call to endorser returned error: chaincode response 500, NOPE: no"));
    }

    @Test
    void anUnknownChannelOrChaincodeIsNamedAsFabricNamesIt() {
        Contract elsewhere = alpha.getNetwork("nochannel").getContract(TestNetwork.CHAINCODE);
        assertThatThrownBy(() -> elsewhere.evaluateTransaction("get", "k"))
                .isInstanceOfSatisfying(
                        GatewayException.class,
                        e -> assertThat(e.getDetails())
                                .anySatisfy(
                                        d -> assertThat(d.getMessage()).isEqualTo("channel 'nochannel' not found")));
        Contract missing = alpha.getNetwork(TestNetwork.CHANNEL).getContract("nocc");
        assertThatThrownBy(() -> missing.submitTransaction("get", "k"))
                .isInstanceOfSatisfying(
                        EndorseException.class,
                        e -> assertThat(e.getDetails())
                                .anySatisfy(
                                        d -> assertThat(d.getMessage())
                                                .startsWith(
                                                        "make sure the chaincode nocc has been successfully defined on channel conformance")));
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        // Issued while its CA was valid, so that only its expiry can refuse it.
        Validity ca = CryptoGenerator.authorityValidity(net.layout.orgDir("Alpha"), "Alpha");
        CryptoGenerator.issueUser(
                net.layout.orgDir("Alpha"),
                "Alpha",
                "Expired",
                new Validity(ca.notBefore(), Instant.now().minusSeconds(1)));
        Path msp = net.layout.orgDir("Alpha").resolve("users/Expired@alpha.medfed.local/msp");
        try (Gateway expired = net.connect("Alpha", msp.resolve("signcerts"), msp.resolve("keystore"))) {
            Contract c = expired.getNetwork(TestNetwork.CHANNEL).getContract(TestNetwork.CHAINCODE);
            assertThatThrownBy(() -> c.submitTransaction("put", "exp", "x"))
                    .isInstanceOfSatisfying(
                            GatewayException.class,
                            e -> assertThat(e.getDetails())
                                    .anySatisfy(d -> assertThat(d.getMessage()).contains("identity expired")));
        }
        assertThat(cc.evaluateTransaction("get", "exp")).isEmpty();
    }

    @Test
    void theOrganisationsRevokedTestIdentityIsRefused() throws Exception {
        assertRefusedAsAlpha(net.connect("Alpha", CryptoGenerator.REVOKED_USER), "revoked", "creator org [AlphaMSP]");
    }

    @Test
    void aCertificateDatedBeforeItsCaIsRefused() throws Exception {
        Validity ca = CryptoGenerator.authorityValidity(net.layout.orgDir("Alpha"), "Alpha");
        Path msp = CryptoGenerator.issueUser(
                net.layout.orgDir("Alpha"),
                "Alpha",
                "Early",
                new Validity(ca.notBefore().minus(1, ChronoUnit.HOURS), ca.notAfter()));
        assertRefusedAsAlpha(
                net.connect("Alpha", msp.resolve("signcerts"), msp.resolve("keystore")), "early", MALFORMED);
    }

    @Test
    void anotherOrganisationsCertificateClaimingThisMspIdIsRefused() throws Exception {
        assertRefusedAsAlpha(
                net.connectClaiming("Alpha", "AlphaMSP", net.layout.userMspDir("Beta", "User1")), "claimed", MALFORMED);
    }

    /**
     * Fabric's words for a creator its MSP cannot deserialize: a certificate without a chain to the CA as of its own
     * NotBefore (bccspmsp's sanitizeCert builds the chain while deserializing). Seen on Fabric 3.1.5 (SecurityIT).
     */
    private static final String MALFORMED = "creator org unknown, creator is malformed";

    /**
     * A submit through Alpha's gateway is refused as Fabric's endorser refuses a creator ({@code creator}: what
     * follows "access denied: channel [...] "), and writes nothing.
     */
    private static void assertRefusedAsAlpha(Gateway gateway, String key, String creator) throws Exception {
        try (gateway) {
            Contract c = gateway.getNetwork(TestNetwork.CHANNEL).getContract(TestNetwork.CHAINCODE);
            assertThatThrownBy(() -> c.submitTransaction("put", key, "x"))
                    .isInstanceOfSatisfying(
                            EndorseException.class,
                            e -> assertThat(e.getDetails())
                                    .anySatisfy(d -> assertThat(d.getMessage())
                                            .isEqualTo("error validating proposal: access denied: channel ["
                                                    + TestNetwork.CHANNEL + "] " + creator)));
        }
        assertThat(cc.evaluateTransaction("get", key)).isEmpty();
    }

    @Test
    void aCertificateFromAnUnknownCaIsRefused() throws Exception {
        Path rogue = dir.resolve("rogue");
        CryptoGenerator.generateOrg(rogue, "Alpha", Validity.cryptogenDefault(Instant.now()));
        Path msp = rogue.resolve("users/User1@alpha.medfed.local/msp");
        assertRefusedAsAlpha(
                net.connect("Alpha", msp.resolve("signcerts"), msp.resolve("keystore")), "rogue", MALFORMED);
    }

    @Test
    void aTamperedSignatureIsRefused() throws Exception {
        try (Gateway tampering = net.connectTampering("Alpha", "User1")) {
            Contract c = tampering.getNetwork(TestNetwork.CHANNEL).getContract(TestNetwork.CHAINCODE);
            assertThatThrownBy(() -> c.submitTransaction("put", "tampered", "x"))
                    .isInstanceOfSatisfying(
                            EndorseException.class,
                            e -> assertThat(e.getDetails())
                                    .anySatisfy(d -> assertThat(d.getMessage()).contains("access denied")));
        }
        assertThat(cc.evaluateTransaction("get", "tampered")).isEmpty();
    }
}
