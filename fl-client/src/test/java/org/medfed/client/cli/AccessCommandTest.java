package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.access.GrantCheck;
import org.medfed.client.access.HeldPatients;
import org.medfed.client.access.HolderTls;
import org.medfed.client.access.PatientRefs;
import org.medfed.client.access.PatientTable;
import org.medfed.client.access.RecordsServer;
import org.medfed.client.access.ReleaseLog;
import org.medfed.client.access.TestPki;
import org.medfed.client.access.TrustedCas;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileFixtures;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Participant;
import org.medfed.common.model.ParticipantIds;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.TxNames;

class AccessCommandTest {

    @TempDir
    Path root;

    private LedgerCli cli;
    private final String ref = Samples.sha("patient");
    private final String holder = Samples.sha("holder");
    private final String clinician = Samples.sha("clinician");

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
    }

    @Test
    void requestSendsPurposeScopesAndReasonAndPrintsTheRecordedDecision() {
        cli.ledger.answer(
                TxNames.ACCESS_REQUEST,
                AccessSamples.json(AccessSamples.granted("tx-1", clinician, ref, holder, RecordScope.VITALS)));

        int exit = cli.as(
                "hospital-user1",
                "access",
                "request",
                "--patient",
                ref,
                "--purpose",
                "ETREAT",
                "--scope",
                "vitals",
                "--reason",
                "collapsed in the ward");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        ScriptedLedger.Call call = cli.onlyCall();
        assertThat(call.intent()).isEqualTo("submit");
        assertThat(call.transaction()).isEqualTo(TxNames.ACCESS_REQUEST);
        assertThat(JsonFields.object(CanonicalJson.parse(call.args().get(0))))
                .containsOnlyKeys("patientRef", "purpose", "scopes", "reason")
                .containsEntry("purpose", "ETREAT")
                .containsEntry("scopes", List.of("vitals"));
        assertThat(cli.field("outcome")).isEqualTo("granted (break-glass)");
        assertThat(cli.field("scopes")).isEqualTo("vitals");
    }

    @Test
    void anUnknownPurposeOrScopeIsRefusedBeforeTheNetwork() {
        assertThat(cli.as("hospital-user1", "access", "request", "--patient", ref, "--purpose", "CURIOSITY"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.as(
                        "hospital-user1",
                        "access",
                        "request",
                        "--patient",
                        ref,
                        "--purpose",
                        "TREAT",
                        "--scope",
                        "genome"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.ledger.calls).isEmpty();
    }

    @Test
    void reviewSendsTheOutcomeAndNote() {
        cli.ledger.answer(
                TxNames.ACCESS_CLOSE_REVIEW,
                "{\"closedAt\":\"2025-06-02T09:00:00Z\",\"closedBy\":\"" + Samples.sha("officer")
                        + "\",\"decisionId\":\"tx-1\",\"flagged\":false,\"note\":\"patient collapsed\","
                        + "\"openedAt\":\"2025-06-01T10:00:00Z\",\"outcome\":\"justified\",\"patientRef\":\"" + ref
                        + "\",\"reason\":\"collapsed\",\"requesterId\":\"" + clinician + "\",\"status\":\"closed\"}");

        int exit = cli.as(
                "hospital-admin", "access", "review", "tx-1", "--outcome", "justified", "--note", "patient collapsed");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        ScriptedLedger.Call call = cli.onlyCall();
        assertThat(call.args().get(0)).isEqualTo("tx-1");
        assertThat(JsonFields.object(CanonicalJson.parse(call.args().get(1))))
                .containsEntry("outcome", "justified")
                .containsEntry("note", "patient collapsed");
        assertThat(cli.field("status")).isEqualTo("closed");
    }

    @Test
    void policySetChecksTheFileLocallyAndSendsIt() throws Exception {
        Path bad = Files.writeString(root.resolve("bad.json"), "{\"version\":1,\"rules\":[]}");
        assertThat(cli.as("hospital-admin", "policy", "set", bad.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("is not an access policy");
        assertThat(cli.ledger.calls).isEmpty();

        String policy = "{\"version\":1,\"rules\":[{\"roles\":[\"clinician\"],\"purposes\":[\"TREAT\"],"
                + "\"risks\":[\"critical\",\"serious\"],\"effect\":\"allow\",\"scopes\":[\"vitals\"],"
                + "\"grantSeconds\":3600}],\"breakGlass\":{\"roles\":[\"clinician\"],\"scopes\":[\"vitals\"],\"grantSeconds\":900,"
                + "\"repeatWindowSeconds\":86400,\"repeatThreshold\":3}}";
        Path good = Files.writeString(root.resolve("policy.json"), policy);
        Map<String, Object> stored = JsonFields.object(CanonicalJson.parse(policy));
        stored.put("setBy", Samples.sha("admin"));
        stored.put("setAt", "2025-06-01T09:00:00Z");
        cli.ledger.answer(TxNames.ACCESS_SET_POLICY, CanonicalJson.encode(stored));

        assertThat(cli.as("hospital-admin", "policy", "set", good.toString())).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall().args().get(0)).isEqualTo(CanonicalJson.encode(CanonicalJson.parse(policy)));
        assertThat(cli.out()).contains("allow").contains("break-glass: vitals for 900 s");
    }

    @Test
    void policyShowAsksForTheVersionGiven() {
        cli.ledger.answer(TxNames.ACCESS_GET_POLICY, "{}");

        cli.as("hospital-admin", "policy", "show", "--version", "2");

        assertThat(cli.ledger.calls.get(0).args()).containsExactly("2");
    }

    @Test
    void auditFlagsEveryReleaseWithoutAMatchingGrant() {
        AccessDecision grant = AccessSamples.granted("tx-1", clinician, ref, holder, RecordScope.VITALS);
        AccessDecision denial = AccessSamples.denied("tx-2", clinician, ref, holder);
        ReleaseRecord covered = AccessSamples.release("tx-3", grant, RecordScope.VITALS, AccessSamples.DECIDED);
        ReleaseRecord late =
                AccessSamples.release("tx-4", grant, RecordScope.VITALS, AccessSamples.DECIDED.plusSeconds(900));
        ReleaseRecord denied = AccessSamples.release("tx-5", denial, RecordScope.VITALS, AccessSamples.DECIDED);
        cli.ledger.answer(
                TxNames.ACCESS_LIST_DECISIONS,
                AccessSamples.page(List.of(AccessSamples.json(grant), AccessSamples.json(denial))));
        cli.ledger.answer(
                TxNames.ACCESS_LIST_RELEASES,
                AccessSamples.page(
                        List.of(AccessSamples.json(covered), AccessSamples.json(late), AccessSamples.json(denied))));
        cli.ledger.answer(TxNames.ACCESS_LIST_REVIEWS, AccessSamples.page(List.of()));

        int exit = cli.as("hospital-admin", "access", "audit", "--patient", ref);

        assertThat(exit).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(cli.out())
                .containsOnlyOnce("matching grant\n")
                .contains("NO MATCHING GRANT: released at 2025-06-01T10:15:00Z, outside the grant's")
                .contains("NO MATCHING GRANT: the decision was a denial")
                .contains("2 release(s) WITHOUT a matching grant.");
    }

    @Test
    void auditPassesWhenEveryReleaseHasItsGrant() {
        AccessDecision grant = AccessSamples.granted("tx-1", clinician, ref, holder, RecordScope.VITALS);
        cli.ledger.answer(TxNames.ACCESS_LIST_DECISIONS, AccessSamples.page(List.of(AccessSamples.json(grant))));
        cli.ledger.answer(
                TxNames.ACCESS_LIST_RELEASES,
                AccessSamples.page(List.of(AccessSamples.json(
                        AccessSamples.release("tx-3", grant, RecordScope.VITALS, AccessSamples.DECIDED)))));
        cli.ledger.answer(TxNames.ACCESS_LIST_REVIEWS, AccessSamples.page(List.of()));

        assertThat(cli.as("hospital-admin", "access", "audit")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("Every release has a matching grant on the ledger.");
    }

    @Test
    void fetchGetsTheGrantedScopeFromTheHolderOverMutualTls() throws Exception {
        TestPki.Org hospital = TestPki.org(root, "HospitalMSP", "hospital.medfed.local");
        TestPki.Org clinic = TestPki.org(root, "ClinicMSP", "clinic.medfed.local");
        TestPki.Identity holderId = hospital.issue("User1", "client");
        TestPki.Identity doctor = clinic.issue("dr-rahman", "client");
        Map<String, String> keys = ProfileFixtures.validKeys("clinic", "ClinicMSP", 8051);
        keys.put("certificate", doctor.certPem().toString());
        keys.put("privateKey", doctor.keyPem().toString());
        ProfileFixtures.write(root, "clinic-dr.properties", keys);
        PatientRefs refs = PatientRefs.create(root.resolve("patients.key"));
        String patientRef = refs.of("P0001");
        String holderParticipant = ParticipantIds.of("HospitalMSP", holderId.subject());
        String doctorParticipant = ParticipantIds.of("ClinicMSP", doctor.subject());
        List<String> checked = new ArrayList<>();
        GrantCheck grants = new GrantCheck() {
            @Override
            public LiveGrant check(String requesterId, String patient, RecordScope scope) throws MedfedException {
                checked.add(requesterId + " " + scope.wire());
                if (scope == RecordScope.NOTES) {
                    throw MedfedException.fromChaincode("NO_LIVE_GRANT", "no live grant", null, null);
                }
                return new LiveGrant("tx-1", AccessSamples.DECIDED.plusSeconds(900));
            }

            @Override
            public String recordRelease(ReleaseRecord.Request release) throws MedfedException {
                return "tx-9";
            }
        };
        TrustedCas consortium = TrustedCas.load(Map.of("HospitalMSP", hospital.caPem(), "ClinicMSP", clinic.caPem()));
        Path table = Files.writeString(
                root.resolve("patients.csv"),
                "patientId,name,age,observedAt,SystolicBP,note\nP0001,Ayesha Akter,25,2025-05-01T08:00:00Z,130,ok\n");
        cli.ledger.answer(
                TxNames.ACCESS_GET_DECISION,
                AccessSamples.json(AccessSamples.granted(
                        "tx-1", doctorParticipant, patientRef, holderParticipant, RecordScope.VITALS)));
        try (RecordsServer server = RecordsServer.start(
                0,
                HolderTls.context(holderId.certPem(), holderId.keyPem(), consortium),
                consortium,
                HeldPatients.of(PatientTable.load(table), refs),
                grants,
                new ReleaseLog(root.resolve("releases.jsonl")),
                Clock.fixed(AccessSamples.DECIDED, ZoneOffset.UTC),
                (level, message) -> {})) {

            int exit = cli.as(
                    "clinic-dr",
                    "access",
                    "fetch",
                    "--decision",
                    "tx-1",
                    "--scope",
                    "vitals",
                    "--holder-url",
                    "https://127.0.0.1:" + server.port(),
                    "--holder-ca",
                    "HospitalMSP=" + hospital.caPem());

            assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
            assertThat(checked).containsExactly(doctorParticipant + " vitals");
            assertThat(cli.out())
                    .contains("release tx-9 under decision tx-1")
                    .contains("\"SystolicBP\":130")
                    .doesNotContain("Ayesha");

            // the holder's CA alone: its MSP id is the holder's as registered on the ledger
            cli.ledger.answer(
                    TxNames.PARTICIPANT_GET,
                    Samples.json(Participant.register(
                            "HospitalMSP",
                            holderId.subject(),
                            Role.HOSPITAL,
                            "St Mary",
                            AccessSamples.DECIDED,
                            Samples.ADMIN)));
            int bareCa = cli.as(
                    "clinic-dr",
                    "access",
                    "fetch",
                    "--decision",
                    "tx-1",
                    "--scope",
                    "vitals",
                    "--holder-url",
                    "https://127.0.0.1:" + server.port(),
                    "--holder-ca",
                    hospital.caPem().toString());
            assertThat(bareCa).as(cli.err()).isEqualTo(ExitCodes.OK);
            assertThat(checked).hasSize(2);

            // a scope the grant does not cover: the holder refuses with the ledger's code
            int refused = cli.as(
                    "clinic-dr",
                    "access",
                    "fetch",
                    "--decision",
                    "tx-1",
                    "--scope",
                    "notes",
                    "--holder-url",
                    "https://127.0.0.1:" + server.port(),
                    "--holder-ca",
                    "HospitalMSP=" + hospital.caPem());
            assertThat(refused).isEqualTo(ExitCodes.LEDGER_REFUSED);
            assertThat(cli.err()).contains("403 NO_LIVE_GRANT");
            assertThat(checked).hasSize(3);

            // the holder's CA given as the clinic's: the server is not the patient's holder, nothing is asked
            int wrongCa = cli.as(
                    "clinic-dr",
                    "access",
                    "fetch",
                    "--decision",
                    "tx-1",
                    "--scope",
                    "vitals",
                    "--holder-url",
                    "https://127.0.0.1:" + server.port(),
                    "--holder-ca",
                    "ClinicMSP=" + clinic.caPem());
            assertThat(wrongCa).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
            assertThat(checked).hasSize(3);
        }
    }
}
