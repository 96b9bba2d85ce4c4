package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.RiskModelSpec;
import org.medfed.common.model.UsePurpose;

/** A short stream on the simulation's ledger: the chaincode decides, the audit finds every release granted. */
class AccessStreamTest {
    private static final Path REPO = Path.of("..");

    @Test
    void aShortStreamOnTheLedgerLeavesNoReleaseWithoutAMatchingGrant() throws Exception {
        SimInput data = SimInput.load(
                REPO.resolve("data/maternal_health_risk.csv"),
                "RiskLevel",
                REPO.resolve(Evaluation.MAPPINGS + "mapping-maternal-health-risk.json"),
                List.of(),
                null,
                null);
        ConfigBuilder config = new ConfigBuilder()
                .partitioning(new SimData.Dirichlet(3, 0.5))
                .use(
                        new UsePurpose(PurposeOfUse.HOPERAT, "risk attestations"),
                        new RiskModelSpec(List.of(RiskClass.STABLE, RiskClass.SERIOUS, RiskClass.CRITICAL)));
        config.rounds = 2;
        config.hidden = List.of(16L);
        String policy = Files.readString(
                REPO.resolve(Evaluation.MAPPINGS + AccessStreamEvaluation.POLICY), StandardCharsets.UTF_8);

        AccessStream.Result result = AccessStream.run(config.build(), data, policy, 120);

        assertThat(result.cases()).hasSize(120);
        assertThat(result.rounds()).isEqualTo(2);
        assertThat(result.granted()).isPositive().isLessThan(120);
        assertThat(result.releasesRecorded()).isGreaterThanOrEqualTo(result.granted());
        assertThat(result.failedReleases()).isEmpty();
        assertThat(result.audit().releases()).isEqualTo(result.releasesRecorded());
        assertThat(result.audit().unmatched()).isZero();
        assertThat(result.audit().grantsWithoutRelease()).isZero();
        assertThat(result.probes().attempted()).isPositive();
        assertThat(result.probes().otherAnswers()).isEmpty();
        assertThat(result.probes().refusedNoLiveGrant())
                .isEqualTo(result.probes().attempted());
        assertThat(result.reviews().opened()).isEqualTo(result.breakGlass());
        assertThat(result.reviews().justified() + result.reviews().unjustified())
                .isEqualTo(result.breakGlass());
        long confused = 0;
        for (long[] row : result.confusion().counts()) {
            for (long n : row) {
                confused += n;
            }
        }
        assertThat(confused).isEqualTo(result.patients());

        ResultsMarkdown md = new ResultsMarkdown();
        AccessStreamEvaluation.write(md, result, "./medfed eval --only access-stream", Instant.EPOCH);
        assertThat(md.toString())
                .startsWith(AccessStreamEvaluation.HEADING + "\n")
                .contains("emergency requests wrongly denied")
                .contains("unmatched: 0");
    }

    @Test
    void theSectionReplacesItsPreviousVersionAndLeavesTheRest() {
        String section = AccessStreamEvaluation.HEADING + "\n\nnew\n\n";
        String before = "# Results\n\n## A\n\na\n\n" + AccessStreamEvaluation.HEADING
                + "\n\nold\n\n## Where medfed falls short\n\nx\n";

        assertThat(AccessStreamEvaluation.splice(before, section))
                .isEqualTo("# Results\n\n## A\n\na\n\n" + section + "## Where medfed falls short\n\nx\n");
        assertThat(AccessStreamEvaluation.splice(
                        "# Results\n\n## A\n\na\n\n## Where medfed falls short\n\nx\n", section))
                .isEqualTo("# Results\n\n## A\n\na\n\n" + section + "## Where medfed falls short\n\nx\n");
        assertThat(AccessStreamEvaluation.splice("# Results\n\n## A\n\na\n", section))
                .isEqualTo("# Results\n\n## A\n\na\n\n" + section);
    }

    @Test
    void theReadingSaysWhyEmergenciesWereDeniedAndWhetherEveryReleaseMatched() {
        AccessMeasures.Emergency e = new AccessMeasures.Emergency(
                new AccessMeasures.Rate(3, 10), new AccessMeasures.Rate(0, 6), new AccessMeasures.Rate(3, 4), 2, 1, 5);
        AccessMeasures.NonEmergency n = new AccessMeasures.NonEmergency(new AccessMeasures.Rate(1, 20), 12, 0, 1);

        assertThat(AccessStreamEvaluation.reading(e, n, new AccessMeasures.Audit(7, 7, List.of(), 5, 0)))
                .contains(
                        "every wrongly denied emergency request came without a written reason",
                        "2 of the 3 denials follow from the model rating the patient stable, 1 from an expired",
                        "Every non-emergency over-grant follows from the model over-rating the patient",
                        "Every release on the ledger has a live grant covering it.");
        assertThat(AccessStreamEvaluation.reading(e, n, new AccessMeasures.Audit(7, 6, List.of("x"), 5, 0)))
                .contains("1 releases on the ledger have no live grant covering them");
    }

    @Test
    void theScriptIsSeededAndInTimeOrder() {
        List<AccessScript.Request> a = AccessScript.generate(SimData.random(1, 900), 300, 50, 1000);
        List<AccessScript.Request> b = AccessScript.generate(SimData.random(1, 900), 300, 50, 1000);

        assertThat(a).isEqualTo(b);
        assertThat(a).isSortedAccordingTo(java.util.Comparator.comparingLong(AccessScript.Request::atSeconds));
        assertThat(a).allSatisfy(r -> assertThat(r.atSeconds()).isBetween(1L, 999L));
        assertThat(a)
                .extracting(AccessScript.Request::purpose)
                .contains(PurposeOfUse.ETREAT, PurposeOfUse.TREAT, PurposeOfUse.HPAYMT, PurposeOfUse.HRESCH);
        assertThat(a.stream().filter(r -> r.purpose().emergency() && r.reason() == null))
                .isNotEmpty();
        assertThat(a.stream().filter(r -> !r.purpose().emergency() && r.reason() != null))
                .isEmpty();
    }
}
