package org.medfed.common.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * A task's secure aggregation (docs/secure-aggregation.md): the neighbour graph's degree {@code neighbours} (k), the
 * Shamir threshold {@code threshold} (t), the fewest masked inputs a round may unmask {@code minSurvivors} (also
 * the divisor of each site's share of the DP noise), the Poisson sampling rate of the round's one DP-SGD step, the
 * quantisation grid 2^-{@code quantizationBits} of the clip norm, each site's per-coordinate bound in clip norms,
 * the masking group Z/2^{@code modulusBits} and the lengths of the phases. Checks that need the rest of the task are
 * in {@link SecureAggregationRules}.
 */
public record SecureAggregationSpec(
        long neighbours,
        long threshold,
        long minSurvivors,
        BigDecimal samplingRate,
        long quantizationBits,
        long inputBound,
        long modulusBits,
        long keysSeconds,
        long sharesSeconds,
        long unmaskSeconds)
        implements JsonRecord {
    public static final long MODULUS_BITS = 32;
    public static final long MAX_QUANTIZATION_BITS = 30;

    public SecureAggregationSpec {
        Checks.range("secureAggregation.neighbours", neighbours, 2, TaskSpec.MAX_PARTICIPANTS);
        if (neighbours % 2 != 0) {
            throw new IllegalArgumentException(
                    "secureAggregation.neighbours must be even (k/2 on each side of the ring), got " + neighbours);
        }
        // k neighbours and the owner itself hold shares: a majority of the k + 1 must be needed.
        Checks.range("secureAggregation.threshold", threshold, neighbours / 2 + 1, neighbours + 1);
        Checks.range("secureAggregation.minSurvivors", minSurvivors, 2, TaskSpec.MAX_PARTICIPANTS);
        samplingRate = Checks.decimal(
                "secureAggregation.samplingRate",
                Checks.positive("secureAggregation.samplingRate", samplingRate),
                null,
                BigDecimal.ONE);
        Checks.range("secureAggregation.quantizationBits", quantizationBits, 1, MAX_QUANTIZATION_BITS);
        Checks.range("secureAggregation.inputBound", inputBound, 1, 1L << 30);
        Checks.range("secureAggregation.modulusBits", modulusBits, MODULUS_BITS, MODULUS_BITS);
        Checks.range("secureAggregation.keysSeconds", keysSeconds, 1, TaskSpec.MAX_ROUND_SECONDS);
        Checks.range("secureAggregation.sharesSeconds", sharesSeconds, 1, TaskSpec.MAX_ROUND_SECONDS);
        Checks.range("secureAggregation.unmaskSeconds", unmaskSeconds, 1, TaskSpec.MAX_ROUND_SECONDS);
    }

    /** The largest absolute value of a coordinate of one site's input, in grid steps: inputBound·2^b. */
    public long inputBoundSteps() {
        return inputBound << quantizationBits;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("neighbours", neighbours);
        json.put("threshold", threshold);
        json.put("minSurvivors", minSurvivors);
        json.put("samplingRate", samplingRate);
        json.put("quantizationBits", quantizationBits);
        json.put("inputBound", inputBound);
        json.put("modulusBits", modulusBits);
        json.put("keysSeconds", keysSeconds);
        json.put("sharesSeconds", sharesSeconds);
        json.put("unmaskSeconds", unmaskSeconds);
        return json;
    }

    public static SecureAggregationSpec fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "neighbours",
                "threshold",
                "minSurvivors",
                "samplingRate",
                "quantizationBits",
                "inputBound",
                "modulusBits",
                "keysSeconds",
                "sharesSeconds",
                "unmaskSeconds");
        return new SecureAggregationSpec(
                JsonFields.integer(json, "neighbours"),
                JsonFields.integer(json, "threshold"),
                JsonFields.integer(json, "minSurvivors"),
                JsonFields.decimal(json, "samplingRate"),
                JsonFields.integer(json, "quantizationBits"),
                JsonFields.integer(json, "inputBound"),
                JsonFields.integer(json, "modulusBits"),
                JsonFields.integer(json, "keysSeconds"),
                JsonFields.integer(json, "sharesSeconds"),
                JsonFields.integer(json, "unmaskSeconds"));
    }
}
