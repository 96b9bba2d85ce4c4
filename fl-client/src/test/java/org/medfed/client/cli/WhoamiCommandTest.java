package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.TxNames;

/** {@code whoami} and the {@code --profile} option every ledger command shares. */
class WhoamiCommandTest {

    @TempDir
    Path root;

    private LedgerCli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
    }

    @Test
    void evaluatesGetCallerAndPrintsTheIdentity() {
        Participant user = Samples.participant("user1", Role.HOSPITAL);
        cli.ledger.answer(TxNames.PARTICIPANT_GET_CALLER, caller(user.id(), user.subject(), false, user));

        int exit = cli.as("hospital-user1", "whoami");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.err()).isEmpty();
        assertThat(cli.onlyCall()).isEqualTo(new ScriptedLedger.Call("evaluate", "participant:getCaller", List.of()));
        assertThat(cli.opened)
                .singleElement()
                .extracting(p -> p.source().getFileName().toString())
                .isEqualTo("hospital-user1.properties");
        assertThat(cli.field("participant id")).isEqualTo(user.id());
        assertThat(cli.field("MSP")).isEqualTo("HospitalMSP");
        assertThat(cli.field("subject")).isEqualTo("CN=user1,OU=client,O=Hospital");
        assertThat(cli.field("MSP admin")).isEqualTo("no");
        assertThat(cli.field("registration")).isEqualTo("hospital \"user1 ward\", active, since 2026-03-01T09:00:00Z");
        assertThat(cli.ledger.closed).isTrue();
    }

    @Test
    void anUnregisteredIdentityIsToldHowToGetRegistered() {
        cli.ledger.answer(
                TxNames.PARTICIPANT_GET_CALLER, caller(Samples.sha("x"), "CN=x,OU=client,O=Clinic", false, null));

        cli.admin("whoami");

        assertThat(cli.field("registration"))
                .startsWith("not registered; a consortium admin can register it with "
                        + "`participant register --msp HospitalMSP --subject 'CN=x,OU=client,O=Clinic'");
    }

    @Test
    void jsonPrintsTheLedgersAnswerAsItCame() {
        String answer = caller(Samples.ADMIN, "CN=Admin@hospital,OU=admin,O=Hospital", true, null);
        cli.ledger.answer(TxNames.PARTICIPANT_GET_CALLER, answer);

        assertThat(cli.admin("whoami", "--json")).isEqualTo(ExitCodes.OK);

        assertThat(cli.out()).isEqualTo(answer + System.lineSeparator());
    }

    @Test
    void unreachablePeerExitsWithNetworkUnavailableAndOneLine() {
        cli.ledger.failEverything(LedgerCli.unreachable());

        int exit = cli.admin("whoami");

        assertThat(exit).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("error: UNAVAILABLE: peer unreachable at 127.0.0.1:7051");
        assertThat(cli.ledger.closed).isTrue();
    }

    @Test
    void anAnswerThisClientCannotReadIsAnInternalError() {
        cli.ledger.answer(TxNames.PARTICIPANT_GET_CALLER, "{\"participantId\":\"x\"}");

        assertThat(cli.admin("whoami")).isEqualTo(ExitCodes.INTERNAL);
        assertThat(cli.err())
                .contains("cannot read the answer to participant:getCaller")
                .contains("missing field \"mspId\"")
                .contains("--verbose");
    }

    @Test
    void withoutAProfileTheErrorListsTheAvailableOnes() {
        int exit = cli.run("whoami", "--profiles-dir", cli.profilesDir.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.ledger.calls).isEmpty();
        assertThat(cli.err().strip())
                .startsWith("error: no identity chosen: pass --profile NAME or set MEDFED_PROFILE;")
                .endsWith("available in " + cli.profilesDir.toAbsolutePath().normalize()
                        + ": clinic-admin, hospital-admin, hospital-user1");
    }

    @Test
    void anUnknownProfileIsAUsageErrorListingTheAvailableOnes() {
        int exit = cli.as("lab-admin", "whoami");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.opened).isEmpty();
        assertThat(cli.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("error: no profile \"lab-admin\" (")
                .endsWith(": clinic-admin, hospital-admin, hospital-user1");
    }

    @Test
    void aProfileNameMayCarryItsSuffixButNotAPath() {
        cli.ledger.answer(TxNames.PARTICIPANT_GET_CALLER, caller(Samples.ADMIN, "CN=a,OU=admin,O=H", true, null));
        assertThat(cli.as("clinic-admin.properties", "whoami")).isEqualTo(ExitCodes.OK);
        assertThat(cli.opened).singleElement().extracting(p -> p.mspId()).isEqualTo("ClinicMSP");

        assertThat(cli.as("../profiles/clinic-admin", "whoami")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--profile takes a profile name such as hospital-admin");
    }

    @Test
    void aMissingProfilesDirectoryIsNamed() {
        int exit = cli.run("whoami", "--profiles-dir", root.resolve("nowhere").toString(), "--profile", "x");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("there is no profiles directory at").contains("network/network.sh up");
    }

    @Test
    void helpListsTheProfileOptions() {
        assertThat(cli.run("whoami", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out())
                .contains("--profile=NAME")
                .contains("MEDFED_PROFILE")
                .contains("--profiles-dir=DIR")
                .contains("--json")
                .contains("participant:getCaller");
    }

    static String caller(String id, String subject, boolean mspAdmin, Participant participant) {
        Map<String, Object> json = new TreeMap<>();
        json.put("participantId", id);
        json.put("mspId", "HospitalMSP");
        json.put("subject", subject);
        json.put("mspAdmin", mspAdmin);
        json.put("participant", participant == null ? null : participant.toJson());
        return Samples.json(json);
    }
}
