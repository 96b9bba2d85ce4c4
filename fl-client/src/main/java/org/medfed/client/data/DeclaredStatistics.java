package org.medfed.client.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medfed.common.codec.CanonicalJson;

/**
 * For the task creator: computes the statistics a mapping declares from a reference sample (a public dataset, a
 * synthetic sample, or figures the consortium agreed on). Participants never call this at training time; they
 * use the statistics written in the mapping, so every site scales a raw value to the same input.
 */
public final class DeclaredStatistics {

    private DeclaredStatistics() {}

    /**
     * The {@code scaling} block for {@code method}, computed over the rows of {@code reference} that the mapping
     * keeps (after partition selection and the missing-value policy; imputed values count): the mean and the
     * population standard deviation for z-score, the minimum and maximum for min-max. The mapping's own
     * {@code scaling} is ignored, so a draft mapping with {@code "none"} works.
     */
    public static Scaling fromReference(
            CsvTable reference, SchemaMapping mapping, Scaling.Method method, Optional<String> partition)
            throws DataException {
        if (method == Scaling.Method.NONE) {
            return Scaling.NONE;
        }
        List<TableMapper.Prepared> rows = TableMapper.prepare(mapping, reference, partition);
        if (rows.isEmpty()) {
            throw new DataException(reference.source() + ": no row survives the mapping, so nothing to compute from");
        }
        Map<String, Scaling.Declared> stats = new LinkedHashMap<>();
        for (int f = 0; f < mapping.features().size(); f++) {
            String feature = mapping.features().get(f);
            if (mapping.categorical().containsKey(feature)) {
                continue;
            }
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double[] x = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                x[r] = Numbers.parse(rows.get(r).values()[f]).orElseThrow();
                sum += x[r];
                min = Math.min(min, x[r]);
                max = Math.max(max, x[r]);
            }
            double mean = sum / x.length;
            double squares = 0;
            for (double v : x) {
                squares += (v - mean) * (v - mean);
            }
            double std = Math.sqrt(squares / x.length);
            if (method == Scaling.Method.Z_SCORE ? std == 0 : max == min) {
                throw new DataException(reference.source() + ": feature " + feature + " is constant in the reference "
                        + "sample, so it cannot be scaled: drop it or use a larger sample");
            }
            stats.put(
                    feature,
                    method == Scaling.Method.Z_SCORE
                            ? new Scaling.Declared(mean, std)
                            : new Scaling.Declared(min, max));
        }
        return new Scaling(method, stats);
    }

    /** The JSON of a {@code scaling} block, ready to paste into a mapping (numbers to 6 significant digits). */
    public static String toJson(Scaling scaling) {
        String first = scaling.method() == Scaling.Method.Z_SCORE ? "mean" : "min";
        String second = scaling.method() == Scaling.Method.Z_SCORE ? "std" : "max";
        Map<String, Object> stats = new LinkedHashMap<>();
        scaling.stats()
                .forEach(
                        (feature, d) -> stats.put(feature, Map.of(first, round(d.first()), second, round(d.second()))));
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("method", scaling.method().key());
        if (!stats.isEmpty()) {
            block.put("stats", stats);
        }
        return CanonicalJson.encode(block);
    }

    private static BigDecimal round(double x) {
        return new BigDecimal(x).round(new MathContext(6));
    }
}
