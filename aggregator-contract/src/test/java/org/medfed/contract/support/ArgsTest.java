package org.medfed.contract.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.medfed.common.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void acceptsTextUpToTheLimitInCodePoints() {
        String emojis = "\uD83D\uDE00".repeat(4);

        assertThat(Args.text("message", emojis, 4)).isEqualTo(emojis);
        assertThat(Args.text("message", "a", 1)).isEqualTo("a");
    }

    @Test
    void rejectsMissingEmptyTooLongOrMalformedText() {
        assertInvalid(null, "message is required");
        assertInvalid("", "message is required");
        assertInvalid("abcde", "message must be at most 4 characters, got 5");
        assertInvalid("a\uD800", "message contains an unpaired surrogate");
        assertInvalid("\uDC00", "message contains an unpaired surrogate");
    }

    private static void assertInvalid(String value, String message) {
        assertThatThrownBy(() -> Args.text("message", value, 4))
                .isInstanceOfSatisfying(FlChaincodeException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("INVALID_ARGUMENT: " + message);
    }
}
