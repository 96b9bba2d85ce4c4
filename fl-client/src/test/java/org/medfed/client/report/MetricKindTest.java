package org.medfed.client.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricKindTest {

    @ParameterizedTest
    @CsvSource({
        // what the client's trainer reports (DpLocalTraining.metrics)
        "loss, LOSS",
        "accuracy, SCORE",
        "f1, SCORE",
        "auc, SCORE",
        "epsilon, PRIVACY",
        "validationExamples, COUNT",
        // what other clients may report
        "val_loss, LOSS",
        "trainLoss, LOSS",
        "balanced_accuracy, SCORE",
        "valF1Macro, SCORE",
        "f1macro, SCORE",
        "rocAUC, SCORE",
        "precision, SCORE",
        "recall, SCORE",
        "eps, PRIVACY",
        "epsilonSpent, PRIVACY",
        "numExamples, COUNT",
        "trainSamples, COUNT",
        "accuracyCount, COUNT",
        "temperature, OTHER",
        "epsilonic, OTHER"
    })
    void tellsAMetricsKindFromItsName(String metric, MetricKind kind) {
        assertThat(MetricKind.of(metric)).isEqualTo(kind);
    }

    @Test
    void onlyScoresAndLossesAreAveragedOverUpdates() {
        assertThat(List.of(MetricKind.values()).stream().filter(MetricKind::averaged))
                .containsExactly(MetricKind.LOSS, MetricKind.SCORE);
    }

    @Test
    void ordersByKindThenName() {
        TreeSet<String> names = new TreeSet<>(MetricKind.ORDER);
        names.addAll(List.of("validationExamples", "f1", "loss", "epsilon", "accuracy", "auc", "temperature"));

        assertThat(names)
                .containsExactly("loss", "epsilon", "validationExamples", "accuracy", "auc", "f1", "temperature");
    }

    @Test
    void titlesSpellAcronymsInCapitals() {
        assertThat(MetricKind.display("f1")).isEqualTo("F1");
        assertThat(MetricKind.display("auc")).isEqualTo("AUC");
        assertThat(MetricKind.display("accuracy")).isEqualTo("accuracy");
    }
}
