package org.medfed.client.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A chart's value axis from {@code min} to {@code max} with a tick every {@code step}: decimals, so the ticks are
 * exactly 0.8, 0.85, 0.9 and print as such, whatever binary doubles the data came in.
 */
record ChartAxis(BigDecimal min, BigDecimal max, BigDecimal step) {

    /** About this many intervals between ticks (between 3 and 5 after rounding the step to 1, 2 or 5 × 10^k). */
    static final int INTERVALS = 5;

    /**
     * The axis a policy gives for values from {@code low} to {@code high} (NaN for none: then 0 to 1): {@code UNIT} is [0, 1],
     * widened only to show a value outside it; {@code FROM_ZERO} takes in 0;
     * {@code ZOOMED} spans the values alone. Each is then widened to whole steps.
     */
    static ChartAxis of(SvgLineChart.YRange policy, double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            low = 0;
            high = 1;
        }
        switch (policy) {
            case UNIT -> {
                low = Math.min(0, low);
                high = Math.max(1, high);
            }
            case FROM_ZERO -> {
                low = Math.min(0, low);
                high = Math.max(0, high);
                high = high == low ? low + 1 : high;
            }
            case ZOOMED -> {
                if (high == low) {
                    // One value: a band around it, a tenth of its size (or ±0.5 around zero).
                    double half = low == 0 ? 0.5 : Math.abs(low) * 0.05;
                    low -= half;
                    high += half;
                }
            }
        }
        BigDecimal step = step(high - low);
        BigDecimal min =
                BigDecimal.valueOf(low).divide(step, 0, RoundingMode.FLOOR).multiply(step);
        BigDecimal max =
                BigDecimal.valueOf(high).divide(step, 0, RoundingMode.CEILING).multiply(step);
        return new ChartAxis(min, max, step);
    }

    /** The smallest of 1, 2, 5 × 10^k that divides {@code span} into at most {@link #INTERVALS} intervals. */
    static BigDecimal step(double span) {
        double raw = span / INTERVALS;
        int exponent = (int) Math.floor(Math.log10(raw));
        double fraction = raw / Math.pow(10, exponent);
        double slack = 1e-9;
        int nice = fraction <= 1 + slack ? 1 : fraction <= 2 + slack ? 2 : fraction <= 5 + slack ? 5 : 10;
        return BigDecimal.valueOf(nice).scaleByPowerOfTen(exponent).stripTrailingZeros();
    }

    List<BigDecimal> ticks() {
        List<BigDecimal> ticks = new ArrayList<>();
        for (BigDecimal t = min; t.compareTo(max) <= 0; t = t.add(step)) {
            ticks.add(t);
        }
        return ticks;
    }

    /** A tick as text, with as many decimals as the step has (0.80, not 0.8, beside 0.85). */
    String label(BigDecimal tick) {
        return tick.setScale(Math.max(0, step.scale()), RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Where {@code value} falls between {@code bottom} (at min) and {@code top} (at max), in SVG units. */
    double position(double value, double bottom, double top) {
        double lo = min.doubleValue();
        double hi = max.doubleValue();
        return bottom + (value - lo) / (hi - lo) * (top - bottom);
    }
}
