package org.medfed.common.nn;

import java.util.List;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;

/** Model specs for the tests. */
public final class Specs {
    private Specs() {}

    public static ModelSpec mlp(long inputs, List<Long> hidden, String activation, long classes) {
        return new ModelSpec(
                ModelSpec.MLP,
                inputs,
                hidden,
                activation,
                classes,
                new ContentRef("bafkreireplacewiththeinitialmodelcid", "0".repeat(64)));
    }

    /** The example task's model: 30 inputs, 16 ReLU units, 2 classes. */
    static ModelSpec wdbc() {
        return mlp(30, List.of(16L), "relu", 2);
    }
}
