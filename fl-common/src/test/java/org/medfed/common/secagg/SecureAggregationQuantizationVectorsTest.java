package org.medfed.common.secagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.dp.noise.GridGaussianSum;

/**
 * Reproduces docs/secagg-vectors-quantization.json, the vectors the chaincode's tests reproduce too: if either side
 * changes a rounding or an order of operations, one of them fails.
 */
class SecureAggregationQuantizationVectorsTest {
    private static final Path VECTORS = Path.of("..", "docs", "secagg-vectors-quantization.json");

    @Test
    void secureStepGivesTheRecordedBits() throws IOException {
        List<Map<String, Object>> cases = cases("secureStep");
        assertThat(cases).hasSize(2);
        for (Map<String, Object> c : cases) {
            SecureStep step = new SecureStep(
                    real(c, "clipNorm"),
                    (int) (long) c.get("gridBits"),
                    real(c, "learningRate"),
                    real(c, "samplingRate"),
                    (long) c.get("rows"));
            int[] sum = ints(c.get("sum"));
            float[] global = floats(c.get("global"));
            assertThat(bits(step.update(sum))).containsExactly(bits(floats(c.get("update"))));
            assertThat(bits(step.model(global, sum))).containsExactly(bits(floats(c.get("model"))));
        }
    }

    @Test
    void clipToBoundGivesTheRecordedSiteInput() throws IOException {
        for (Map<String, Object> c : cases("clipToBound")) {
            long bound = DistributedDp.gridBound((long) c.get("inputBound"), (int) (long) c.get("gridBits"));
            assertThat(bound).isEqualTo((long) c.get("bound"));
            assertThat(DistributedDp.clipToBound(longs(c.get("noisySum")), bound))
                    .containsExactly(ints(c.get("siteInput")));
        }
    }

    @Test
    void gridGaussianSumGivesTheRecordedIntegersForTheSeed() throws IOException {
        for (Map<String, Object> c : cases("gridGaussianSum")) {
            assertThat(c.get("random")).isEqualTo("java.util.SplittableRandom");
            GridGaussianSum sum = new GridGaussianSum(
                    (int) (long) c.get("parameterCount"),
                    real(c, "clipNorm"),
                    new BigDecimal((String) c.get("noiseMultiplier")),
                    (int) (long) c.get("gridBits"),
                    (long) c.get("noiseDivisor"));
            long[] variance = longs(c.get("noiseVariance"));
            assertThat(sum.noiseVariance())
                    .containsExactly(BigInteger.valueOf(variance[0]), BigInteger.valueOf(variance[1]));
            List<?> gradients = (List<?>) c.get("gradients");
            List<?> onGrid = (List<?>) c.get("gridGradients");
            for (int i = 0; i < gradients.size(); i++) {
                double[] g = ((List<?>) gradients.get(i))
                        .stream()
                                .mapToDouble(v -> Double.parseDouble((String) v))
                                .toArray();
                assertThat(sum.add(g)).containsExactly(longs(onGrid.get(i)));
            }
            assertThat(sum.releaseGridUnits(new SplittableRandom((long) c.get("seed"))))
                    .containsExactly(longs(c.get("noisySum")));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases(String kind) throws IOException {
        Map<String, Object> root = (Map<String, Object>) CanonicalJson.parse(Files.readString(VECTORS));
        return (List<Map<String, Object>>) ((Map<String, Object>) root.get("quantization")).get(kind);
    }

    private static double real(Map<String, Object> c, String field) {
        return Double.parseDouble((String) c.get(field));
    }

    private static long[] longs(Object list) {
        return ((List<?>) list).stream().mapToLong(v -> (Long) v).toArray();
    }

    private static int[] ints(Object list) {
        return ((List<?>) list)
                .stream().mapToInt(v -> Math.toIntExact((Long) v)).toArray();
    }

    private static float[] floats(Object list) {
        List<?> hex = (List<?>) list;
        float[] out = new float[hex.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat(Integer.parseUnsignedInt((String) hex.get(i), 16));
        }
        return out;
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
