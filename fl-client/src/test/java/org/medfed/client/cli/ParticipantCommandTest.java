package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.TxNames;

class ParticipantCommandTest {

    /** The subject of src/test/resources/pki/cert.pem in RFC 2253 form, as X500Principal.getName() writes it. */
    private static final String TEST_CERT_SUBJECT = "O=Test,CN=medfed-test";

    @TempDir
    Path root;

    private LedgerCli cli;
    private final Participant alice = Samples.participant("alice", Role.HOSPITAL);
    private final Participant bob = Samples.participant("bob", Role.CLINIC);
    private final Participant carol = Samples.participant("carol", Role.RESEARCHER);

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
    }

    @Test
    void registerSubmitsMspSubjectRoleAndName() {
        cli.ledger.answer(TxNames.PARTICIPANT_REGISTER, Samples.json(alice));

        int exit = cli.admin(
                "participant",
                "register",
                "--msp",
                "HospitalMSP",
                "--subject",
                "CN=alice, OU=client, O=Hospital",
                "--role",
                "hospital",
                "--name",
                "alice ward");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall())
                .isEqualTo(new ScriptedLedger.Call(
                        "submit",
                        "participant:registerParticipant",
                        List.of("HospitalMSP", "CN=alice, OU=client, O=Hospital", "hospital", "alice ward")));
        assertThat(cli.field("participant id")).isEqualTo(alice.id());
        assertThat(cli.field("role")).isEqualTo("hospital");
        assertThat(cli.field("status")).isEqualTo("active");
        assertThat(cli.field("registered")).isEqualTo("2026-03-01T09:00:00Z by " + Samples.ADMIN);
    }

    @Test
    void registerReadsTheSubjectFromACertificate() {
        cli.ledger.answer(TxNames.PARTICIPANT_REGISTER, Samples.json(alice));

        int exit = cli.admin(
                "participant",
                "register",
                "--msp",
                "ClinicMSP",
                "--cert",
                root.resolve("pki/cert.pem").toString(),
                "--role",
                "clinic",
                "--name",
                "test");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall().args()).containsExactly("ClinicMSP", TEST_CERT_SUBJECT, "clinic", "test");
    }

    @Test
    void registerFromAnotherProfileUsesItsMspAndCertificate() {
        cli.ledger.answer(TxNames.PARTICIPANT_REGISTER, Samples.json(alice));

        int exit = cli.admin(
                "participant",
                "register",
                "--from-profile",
                "clinic-admin",
                "--role",
                "admin",
                "--name",
                "clinic admin");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall().args()).containsExactly("ClinicMSP", TEST_CERT_SUBJECT, "admin", "clinic admin");
        assertThat(cli.opened).singleElement().extracting(p -> p.mspId()).isEqualTo("HospitalMSP");
    }

    @Test
    void registerNeedsExactlyOneWayToNameTheIdentity() {
        assertThat(cli.admin("participant", "register", "--msp", "HospitalMSP", "--role", "hospital", "--name", "x"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("name the identity: --msp MSP with either --subject DN or --cert PEM_FILE");

        assertThat(cli.admin(
                        "participant",
                        "register",
                        "--from-profile",
                        "clinic-admin",
                        "--msp",
                        "ClinicMSP",
                        "--role",
                        "hospital",
                        "--name",
                        "x"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--from-profile names the whole identity");

        assertThat(cli.admin(
                        "participant", "register", "--from-profile", "lab-user1", "--role", "hospital", "--name", "x"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("no profile \"lab-user1\"").contains("hospital-user1");
        assertThat(cli.ledger.calls).isEmpty();
        assertThat(cli.opened).isEmpty();
    }

    @Test
    void registerChecksRoleAndSubjectLocally() {
        assertThat(cli.admin(
                        "participant",
                        "register",
                        "--msp",
                        "HospitalMSP",
                        "--subject",
                        "CN=a",
                        "--role",
                        "doctor",
                        "--name",
                        "x"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err())
                .contains("--role must be one of hospital, clinic, wearable-gateway, researcher, admin, clinician,"
                        + " privacy-officer, payer, got \"doctor\"");

        assertThat(cli.admin(
                        "participant",
                        "register",
                        "--msp",
                        "HospitalMSP",
                        "--subject",
                        "no dn here",
                        "--role",
                        "hospital",
                        "--name",
                        "x"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("subject is not a distinguished name");
        assertThat(cli.ledger.calls).isEmpty();
    }

    @Test
    void aRefusalIsOneLineWithTheChaincodesCode() {
        cli.ledger.fail(
                TxNames.PARTICIPANT_REGISTER,
                LedgerCli.refused("UNAUTHORIZED", "only a consortium admin may register participants"));

        int exit = cli.as(
                "hospital-user1",
                "participant",
                "register",
                "--msp",
                "HospitalMSP",
                "--subject",
                "CN=a",
                "--role",
                "hospital",
                "--name",
                "x");

        assertThat(exit).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err().strip())
                .isEqualTo(
                        "error: UNAUTHORIZED: only a consortium admin may register participants [tx tx42] — this profile's "
                                + "identity may not do this; act as one that may with --profile (consortium admin work needs "
                                + "an <org>-admin profile)");
    }

    @Test
    void listPrintsOnePageAndHowToGetTheNext() {
        cli.ledger.answer(TxNames.PARTICIPANT_LIST, page("bm1", alice, bob));

        int exit = cli.admin("participant", "list", "--page-size", "2");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall())
                .isEqualTo(new ScriptedLedger.Call("evaluate", "participant:listParticipants", List.of("2", "")));
        List<String> lines = cli.out().lines().toList();
        assertThat(lines.get(0).split("\\s{2,}"))
                .containsExactly("participant id", "MSP", "role", "status", "name", "subject");
        assertThat(lines.get(1).split("\\s{2,}"))
                .containsExactly(
                        alice.id(), "HospitalMSP", "hospital", "active", "alice ward", "CN=alice,OU=client,O=Hospital");
        assertThat(lines.get(2)).startsWith(bob.id());
        assertThat(lines.get(3)).isEqualTo("2 participants; more with --bookmark bm1 (or --all).");
    }

    @Test
    void listStartsAtABookmark() {
        cli.ledger.answer(TxNames.PARTICIPANT_LIST, page("", carol));

        cli.admin("participant", "list", "--bookmark", "bm1");

        assertThat(cli.onlyCall().args()).containsExactly("20", "bm1");
        assertThat(cli.out()).endsWith("1 participant." + System.lineSeparator());
    }

    @Test
    void listAllFollowsTheBookmarksAndJsonMergesThePages() {
        cli.ledger
                .answer(TxNames.PARTICIPANT_LIST, page("bm1", alice, bob))
                .answer(TxNames.PARTICIPANT_LIST, page("", carol));

        int exit = cli.admin("participant", "list", "--all", "--page-size", "2", "--json");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.ledger.calls)
                .extracting(ScriptedLedger.Call::args)
                .containsExactly(List.of("2", ""), List.of("2", "bm1"));
        Map<String, Object> json =
                JsonFields.object(CanonicalJson.parse(cli.out().strip()));
        assertThat(json.get("count")).isEqualTo(3L);
        assertThat(json.get("bookmark")).isEqualTo("");
        assertThat(JsonFields.objects(json, "items"))
                .extracting(item -> item.get("id"))
                .containsExactly(alice.id(), bob.id(), carol.id());
    }

    @Test
    void listJsonOfOnePageIsTheLedgersAnswer() {
        String answer = page("bm1", alice);
        cli.ledger.answer(TxNames.PARTICIPANT_LIST, answer);

        cli.admin("participant", "list", "--json");

        assertThat(cli.out().strip()).isEqualTo(answer);
    }

    @Test
    void listRefusesAPageSizeTheLedgerWouldRefuse() {
        assertThat(cli.admin("participant", "list", "--page-size", "101")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--page-size must be from 1 to 100, got 101");
        assertThat(cli.ledger.calls).isEmpty();
    }

    @Test
    void showEvaluatesGetParticipant() {
        cli.ledger.answer(TxNames.PARTICIPANT_GET, Samples.json(bob));

        assertThat(cli.admin("participant", "show", bob.id())).isEqualTo(ExitCodes.OK);

        assertThat(cli.onlyCall())
                .isEqualTo(new ScriptedLedger.Call("evaluate", "participant:getParticipant", List.of(bob.id())));
        assertThat(cli.field("name")).isEqualTo("bob ward");
        assertThat(cli.field("role")).isEqualTo("clinic");
    }

    @Test
    void showOfAnUnknownIdIsRefusedWithNotFound() {
        cli.ledger.fail(TxNames.PARTICIPANT_GET, LedgerCli.refused("NOT_FOUND", "no participant " + bob.id()));

        assertThat(cli.admin("participant", "show", bob.id())).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(cli.err()).startsWith("error: NOT_FOUND: no participant " + bob.id());
    }

    @Test
    void suspendSubmitsTheReasonAndShowsTheNewStatus() {
        cli.ledger.answer(TxNames.PARTICIPANT_SUSPEND, Samples.json(bob.suspend("audit pending")));

        int exit = cli.admin("participant", "suspend", bob.id(), "--reason", "audit pending");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall())
                .isEqualTo(new ScriptedLedger.Call(
                        "submit", "participant:suspendParticipant", List.of(bob.id(), "audit pending")));
        assertThat(cli.field("status")).isEqualTo("suspended (audit pending)");
    }

    @Test
    void suspendNeedsAReason() {
        assertThat(cli.admin("participant", "suspend", bob.id())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("Missing required option: '--reason=TEXT'");
    }

    @Test
    void reinstateSubmitsTheId() {
        cli.ledger.answer(TxNames.PARTICIPANT_REINSTATE, Samples.json(bob));

        assertThat(cli.admin("participant", "reinstate", bob.id(), "--json")).isEqualTo(ExitCodes.OK);

        assertThat(cli.onlyCall())
                .isEqualTo(new ScriptedLedger.Call("submit", "participant:reinstateParticipant", List.of(bob.id())));
        assertThat(cli.out().strip()).isEqualTo(Samples.json(bob));
    }

    @Test
    void theGroupAloneIsAUsageError() {
        assertThat(cli.run("participant")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err())
                .contains("medfed participant needs a subcommand")
                .contains("register")
                .contains("suspend");
    }

    static String page(String bookmark, Participant... items) {
        return CanonicalJson.encode(Map.of(
                "items",
                java.util.Arrays.stream(items).map(Participant::toJson).toList(),
                "bookmark",
                bookmark,
                "count",
                (long) items.length));
    }
}
