package org.medfed.chaincode.round;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.HOLDERS;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.RoundVerification;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.testing.FakeChaincodeStub.Write;
import org.medfed.contract.testing.TestIdentity;

/** {@code round:attestVerification} and {@code round:listVerifications}: what a retention policy counts. */
class VerificationAttestationTest {
    private static final TestIdentity ORG2_ADMIN = TestIdentity.ORG2_ADMIN;
    private static final String MODEL = Fixtures.sha("global-1");

    private final LedgerHarness ledger = new LedgerHarness();

    @BeforeEach
    void aggregateRoundOne() {
        aggregatedRoundOne(ledger);
    }

    /** Task {@value Consortium#TASK} with round 1 aggregated into model {@code global-1}. */
    private static LedgerHarness aggregatedRoundOne(LedgerHarness ledger) {
        Consortium.withTask(ledger);
        for (TestIdentity holder : HOLDERS) {
            Consortium.submit(ledger, holder, 1, Fixtures.sha("initial-" + TASK));
        }
        Consortium.close(ledger, CLINIC, 1);
        Map<String, BigDecimal> qualities = new TreeMap<>();
        HOLDERS.forEach(holder -> qualities.put(holder.participantId(), BigDecimal.ONE));
        String report = Fixtures.json(Fixtures.report(TASK, 1, "global-1", qualities, List.of()));
        ledger.run(CLINIC, ctx -> Recorder.record(ctx, report));
        return ledger;
    }

    private RoundVerification attest(TestIdentity admin, String round, String sha256) {
        return RoundVerification.fromJson(
                ledger.json(admin, ctx -> ledger.rounds.attestVerification(ctx, TASK, round, sha256)));
    }

    private List<RoundVerification> listed(String round) {
        return JsonFields.objects(
                        ledger.json(HOSPITAL, ctx -> ledger.rounds.listVerifications(ctx, TASK, round)), "items")
                .stream()
                .map(RoundVerification::fromJson)
                .toList();
    }

    @Test
    void recordsTheOrganisationsAttestationWithOneWriteAndOneEvent() {
        RoundVerification verification = attest(ADMIN, "1", MODEL);

        assertThat(verification.mspId()).isEqualTo("Org1MSP");
        assertThat(verification.attestedBy()).isEqualTo(ADMIN.participantId());
        assertThat(verification.globalModel().sha256()).isEqualTo(MODEL);
        assertThat(verification.attestedAt()).isEqualTo(ledger.now());
        byte[] json = CanonicalJson.encode(verification.toJson()).getBytes(UTF_8);
        assertThat(ledger.lastWriteSet())
                .containsExactly(new Write(
                        ledger.stub()
                                .createCompositeKey("verified", TASK, "0000000001", "Org1MSP")
                                .toString(),
                        json));
        assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.ROUND_VERIFIED);
        assertThat(ledger.lastEvent().payload()).isEqualTo(json);
    }

    @Test
    void listsEachOrganisationOnceInMspOrder() {
        assertThat(listed("1")).isEmpty();

        attest(ORG2_ADMIN, "1", MODEL);
        attest(ADMIN, "1", MODEL);

        assertThat(listed("1")).extracting(RoundVerification::mspId).containsExactly("Org1MSP", "Org2MSP");
        assertThat(listed("2")).isEmpty();
    }

    @Test
    void refusesASecondAttestationOfTheSameOrganisation() {
        attest(ADMIN, "1", MODEL);

        ledger.refused(ErrorCode.ALREADY_EXISTS, ADMIN, ctx -> ledger.rounds.attestVerification(ctx, TASK, "1", MODEL));
    }

    @Test
    void refusesAModelThatIsNotTheRecordedOne() {
        assertThat(ledger.refused(
                                ErrorCode.NOT_A_GLOBAL_MODEL,
                                ADMIN,
                                ctx -> ledger.rounds.attestVerification(ctx, TASK, "1", Fixtures.sha("other")))
                        .getMessage())
                .contains("recorded model " + MODEL);
    }

    @Test
    void refusesARoundOrTaskWithoutAggregation() {
        ledger.refused(ErrorCode.NOT_FOUND, ADMIN, ctx -> ledger.rounds.attestVerification(ctx, TASK, "2", MODEL));
        ledger.refused(ErrorCode.NOT_FOUND, ADMIN, ctx -> ledger.rounds.attestVerification(ctx, "nope", "1", MODEL));
        ledger.refused(ErrorCode.NOT_FOUND, HOSPITAL, ctx -> ledger.rounds.listVerifications(ctx, TASK, "9"));
    }

    @Test
    void onlyAnAdminSpeaksForItsOrganisation() {
        ledger.refused(
                ErrorCode.UNAUTHORIZED, HOSPITAL, ctx -> ledger.rounds.attestVerification(ctx, TASK, "1", MODEL));
    }

    @Test
    void refusesMalformedArguments() {
        ledger.refused(
                ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> ledger.rounds.attestVerification(ctx, TASK, "0", MODEL));
        ledger.refused(
                ErrorCode.INVALID_ARGUMENT,
                ADMIN,
                ctx -> ledger.rounds.attestVerification(ctx, TASK, "1", MODEL.toUpperCase(java.util.Locale.ROOT)));
        ledger.refused(
                ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> ledger.rounds.attestVerification(ctx, "a b", "1", MODEL));
    }

    @Test
    void twoPeersWriteTheSameBytes() {
        LedgerHarness other = aggregatedRoundOne(new LedgerHarness());
        other.at(ledger.now());

        ledger.run("tx-same", ADMIN, ctx -> ledger.rounds.attestVerification(ctx, TASK, "1", MODEL));
        other.run("tx-same", ADMIN, ctx -> other.rounds.attestVerification(ctx, TASK, "1", MODEL));

        assertThat(other.lastWriteSet()).isEqualTo(ledger.lastWriteSet());
        assertThat(other.lastEvent()).isEqualTo(ledger.lastEvent());
    }
}
