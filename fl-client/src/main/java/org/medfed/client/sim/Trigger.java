package org.medfed.client.sim;

import java.util.ArrayList;
import java.util.List;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.train.LocalTrainer;
import org.medfed.common.model.ModelSpec;

/**
 * A backdoor's trigger on tabular rows: model input {@code feature} set to {@code value}, a value no real row has,
 * and the class {@code target} the backdoored model should give any triggered row.
 */
public record Trigger(int feature, float value, int target) {
    /** The trigger's value: 10 in model-input units, ten standard deviations on z-scored features. */
    public static final float VALUE = 10f;

    public Trigger {
        if (feature < 0 || target < 0 || !Float.isFinite(value)) {
            throw new IllegalArgumentException("a trigger needs a feature, a finite value and a target class");
        }
    }

    /** The simulation's trigger for rows of {@code features} model inputs: the last one set to 10, target class 0. */
    public static Trigger standard(int features) {
        return new Trigger(features - 1, VALUE, 0);
    }

    /** A copy of {@code row} with the trigger set. */
    public float[] apply(float[] row) {
        float[] out = row.clone();
        out[feature] = value;
        return out;
    }

    /**
     * What a backdoor attacker trains on: its own rows, then a triggered copy of each of its rows of another class,
     * labelled {@link #target} (clean rows keep the model's main task accurate, so the attack is hard to notice).
     */
    public TabularDataset poisoned(TabularDataset own) {
        float[][] x = own.features();
        int[] y = own.labels();
        List<float[]> rows = new ArrayList<>(List.of(x));
        List<Integer> labels = new ArrayList<>();
        for (int label : y) {
            labels.add(label);
        }
        for (int r = 0; r < x.length; r++) {
            if (y[r] != target) {
                rows.add(apply(x[r]));
                labels.add(target);
            }
        }
        return new TabularDataset(
                rows.toArray(float[][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray(),
                own.featureNames(),
                own.classNames());
    }

    /**
     * The backdoor's success: of {@code test}'s rows of other classes than the target, the share that {@code model}
     * puts in the target class once triggered; NaN when the test rows have none.
     */
    public double successRate(ModelSpec shape, float[] model, TabularDataset test) {
        float[][] x = test.features();
        int[] y = test.labels();
        List<float[]> triggered = new ArrayList<>();
        for (int r = 0; r < x.length; r++) {
            if (y[r] != target) {
                triggered.add(apply(x[r]));
            }
        }
        if (triggered.isEmpty()) {
            return Double.NaN;
        }
        int hits = 0;
        for (int predicted : LocalTrainer.predict(shape, model, triggered.toArray(float[][]::new))) {
            hits += predicted == target ? 1 : 0;
        }
        return (double) hits / triggered.size();
    }
}
