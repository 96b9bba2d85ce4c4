package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.common.budget.DpCharge;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.TxNames;

class PrivacyCommandTest {

    @TempDir
    Path root;

    private LedgerCli cli;
    private final Participant user = Samples.participant("user1", Role.HOSPITAL);
    private PrivacyBudget budget;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        budget = new PrivacyBudget(
                "wdbc-mlp",
                user.id(),
                Samples.dec("0.00001"),
                EpsilonConversion.IMPROVED,
                Samples.dec("8"),
                Samples.dec("1.23456789012345"),
                Samples.dec("14"),
                List.of(new DpCharge(1, Samples.dec("0.01"), Samples.dec("1.1"), 100)),
                Instant.parse("2026-03-01T09:04:00Z"));
    }

    @Test
    void budgetOfAGivenParticipant() {
        cli.ledger.answer(TxNames.ROUND_GET_PRIVACY_BUDGET, answer(budget));

        int exit = cli.admin("privacy", "budget", "--task", "wdbc-mlp", "--participant", user.id());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall())
                .isEqualTo(
                        new ScriptedLedger.Call("evaluate", "round:getPrivacyBudget", List.of("wdbc-mlp", user.id())));
        assertThat(cli.field("epsilon spent")).isEqualTo("1.23457");
        assertThat(cli.field("max epsilon")).isEqualTo("8");
        assertThat(cli.field("remaining")).isEqualTo("6.76543");
        assertThat(cli.out()
                        .lines()
                        .filter(l -> l.startsWith("1  "))
                        .findFirst()
                        .orElseThrow()
                        .split("\\s{2,}"))
                .containsExactly("1", "0.01", "1.1", "100");
    }

    @Test
    void budgetDefaultsToTheCallersOwn() {
        cli.ledger
                .answer(
                        TxNames.PARTICIPANT_GET_CALLER,
                        WhoamiCommandTest.caller(user.id(), user.subject(), false, user))
                .answer(TxNames.ROUND_GET_PRIVACY_BUDGET, answer(budget));

        assertThat(cli.as("hospital-user1", "privacy", "budget", "--task", "wdbc-mlp", "--json"))
                .isEqualTo(ExitCodes.OK);

        assertThat(cli.ledger.calls)
                .containsExactly(
                        new ScriptedLedger.Call("evaluate", "participant:getCaller", List.of()),
                        new ScriptedLedger.Call("evaluate", "round:getPrivacyBudget", List.of("wdbc-mlp", user.id())));
        assertThat(cli.out().strip()).isEqualTo(answer(budget));
    }

    @Test
    void budgetOfATaskWithoutDpShowsTheLedgersRefusalAndWhatItMeans() {
        cli.ledger.fail(
                TxNames.ROUND_GET_PRIVACY_BUDGET,
                LedgerCli.refused(
                        "NO_DP_POLICY",
                        "task open-data has no differential-privacy policy, so it keeps no privacy budget"));

        int exit = cli.admin("privacy", "budget", "--task", "open-data", "--participant", user.id());

        assertThat(exit).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(cli.err())
                .contains(
                        "NO_DP_POLICY: task open-data has no differential-privacy policy",
                        "the task is not differentially private");
    }

    static String answer(PrivacyBudget budget) {
        Map<String, Object> json = budget.toJson();
        json.put("remaining", budget.remaining());
        return CanonicalJson.encode(json);
    }
}
