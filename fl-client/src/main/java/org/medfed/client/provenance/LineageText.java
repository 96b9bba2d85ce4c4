package org.medfed.client.provenance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.stream.Collectors;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.StrategySpec;

/** Short texts both renderers share. */
final class LineageText {
    private LineageText() {}

    static String number(BigDecimal value) {
        return value == null
                ? "-"
                : value.round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String metrics(Map<String, BigDecimal> metrics) {
        return metrics.isEmpty()
                ? "no metrics"
                : metrics.entrySet().stream()
                        .map(e -> e.getKey() + " " + number(e.getValue()))
                        .collect(Collectors.joining(", "));
    }

    static String strategy(StrategySpec strategy) {
        return strategy.name()
                + (strategy.params().isEmpty()
                        ? ""
                        : " "
                                + strategy.params().entrySet().stream()
                                        .map(e -> e.getKey() + "=" + number(e.getValue()))
                                        .collect(Collectors.joining(", ", "(", ")")));
    }

    static String model(ContentRef ref) {
        return ref.cid() + " (sha256 " + ref.sha256() + ")";
    }

    /** The first 12 hex digits, enough to tell participants and hashes apart on a screen. */
    static String shortHex(String hex) {
        return hex.length() <= 12 ? hex : hex.substring(0, 12) + "…";
    }
}
