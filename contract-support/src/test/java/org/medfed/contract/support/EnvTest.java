package org.medfed.contract.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnvTest {

    @AfterEach
    void hostNothing() {
        Env.host(Map.of());
    }

    @Test
    void hostedSettingsTakeThePlaceOfTheEnvironment() {
        Object blobs = new Object();
        Env.host(Map.of("PATH", "in-process", "medfed.blobs", blobs));

        assertThat(Env.valueOr("PATH", "fallback")).isEqualTo("in-process");
        assertThat(Env.hostedObject("medfed.blobs", Object.class)).containsSame(blobs);
    }

    @Test
    void aHostedObjectOfAnotherTypeIsNotHandedOver() {
        Env.host(Map.of("medfed.blobs", 42));

        assertThat(Env.hostedObject("medfed.blobs", String.class)).isEmpty();
        assertThat(Env.valueOr("medfed.blobs", "fallback")).isEqualTo("fallback");
    }

    @Test
    void aNameNotHostedFallsBackToTheEnvironment() {
        Env.host(Map.of("OTHER", "x"));
        String path = System.getenv("PATH");

        assertThat(Env.valueOr("PATH", "none")).isEqualTo(path == null ? "none" : path);
        assertThat(Env.hostedObject("OTHER", String.class)).contains("x");
    }
}
