package org.medfed.client.view;

import org.medfed.common.model.TaskSpec;

/** How a task's differential privacy reads wherever the client shows it, including a task without DP. */
public final class DpText {
    /** What a task without a DP policy shows instead of one: it gives no ε guarantee, and says so. */
    public static final String NONE =
            "none: the task is not differentially private (no epsilon guarantee, no privacy" + " budget)";

    private DpText() {}

    /** The task's policy as clip, minimum noise, delta and ε cap; {@link #NONE} without one. */
    public static String of(TaskSpec spec) {
        return spec.dpPolicy()
                .map(dp -> "clip " + Table.text(dp.clipNorm()) + ", noise >= "
                        + Table.text(dp.noiseMultiplier()) + ", delta " + Table.text(dp.delta()) + ", max epsilon "
                        + Table.text(dp.maxEpsilon()) + " (" + dp.conversion().wire() + ")")
                .orElse(NONE);
    }
}
