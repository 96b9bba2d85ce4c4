package org.medfed.common.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.Hashing;

class ParameterLayoutTest {

    @Test
    void placesEachLayersWeightsThenBiases() {
        ParameterLayout layout = ParameterLayout.of(Specs.wdbc());
        // 30×16 weights at 0, 16 biases at 480; 16×2 weights at 496, 2 biases at 528; 530 in all.
        assertThat(layout.layers())
                .containsExactly(
                        new ParameterLayout.Layer(0, 30, 16, 0, 480), new ParameterLayout.Layer(1, 16, 2, 496, 528));
        assertThat(layout.parameterCount()).isEqualTo(530).isEqualTo((int)
                Specs.wdbc().parameterCount());
    }

    @Test
    void aModelWithoutHiddenLayersIsOneSoftmaxLayer() {
        ParameterLayout layout = ParameterLayout.of(Specs.mlp(4, List.of(), "tanh", 3));
        assertThat(layout.layers()).containsExactly(new ParameterLayout.Layer(0, 4, 3, 0, 12));
        assertThat(layout.parameterCount()).isEqualTo(15);
    }

    @Test
    void manifestIsCanonicalJsonAndHashedAsItsUtf8Bytes() {
        ParameterLayout layout = ParameterLayout.of(Specs.mlp(3, List.of(2L), "relu", 2));
        String expected = "{\"architecture\":\"mlp\",\"byteOrder\":\"little-endian\",\"dtype\":\"float32\","
                + "\"layers\":[{\"activation\":\"relu\",\"biasLength\":2,\"biasOffset\":6,\"cols\":2,\"layer\":0,"
                + "\"rows\":3,\"weightOffset\":0},{\"activation\":\"softmax\",\"biasLength\":2,\"biasOffset\":12,"
                + "\"cols\":2,\"layer\":1,\"rows\":2,\"weightOffset\":8}],"
                + "\"order\":\"per layer: W (rows = inputs, cols = units, row-major), then b\",\"parameterCount\":14}";
        assertThat(layout.manifestJson()).isEqualTo(expected);
        assertThat(layout.manifestSha256()).isEqualTo(Hashing.sha256Hex(expected.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unsupportedActivationIsNamed() {
        ParameterLayout layout = ParameterLayout.of(Specs.mlp(3, List.of(2L), "gelu", 2));
        assertThatThrownBy(layout::activation).hasMessageContaining("\"gelu\"").hasMessageContaining("relu");
    }
}
