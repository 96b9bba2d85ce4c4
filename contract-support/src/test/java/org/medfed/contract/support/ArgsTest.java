package org.medfed.contract.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.medfed.common.protocol.ErrorCode;

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

    @Test
    void decodesJsonArgumentsAndNamesWhatIsWrong() {
        Object a = Args.json("spec", "{\"a\": 1}", json -> json.get("a"));
        assertThat(a).isEqualTo(1L);
        assertInvalidWith(
                () -> Args.json("spec", "[1]", json -> json), "INVALID_ARGUMENT: spec: expected a JSON object");
        assertInvalidWith(() -> Args.json("spec", "{", json -> json), "INVALID_ARGUMENT: spec: invalid JSON");
        assertInvalidWith(
                () -> Args.json("spec", "{}", json -> {
                    throw new IllegalArgumentException("missing field \"id\"");
                }),
                "INVALID_ARGUMENT: spec: missing field \"id\"");
    }

    @Test
    void readsPositiveWholeNumbersOnly() {
        assertThat(Args.positive("round", "12", 100)).isEqualTo(12);
        for (String bad : new String[] {null, "", "0", "-1", "012", "1.5", "1e3", "101", "99999999999999999999"}) {
            assertInvalidWith(() -> Args.positive("round", bad, 100), "INVALID_ARGUMENT: round must be");
        }
    }

    @Test
    void limitsPagesAndAcceptsAnEmptyBookmark() {
        assertThat(Args.pageSize("100")).isEqualTo(100);
        assertInvalidWith(() -> Args.pageSize("101"), "INVALID_ARGUMENT: pageSize");
        assertThat(Args.bookmark(null)).isEmpty();
        assertThat(Args.bookmark("abc")).isEqualTo("abc");
        assertInvalidWith(() -> Args.bookmark("x".repeat(3000)), "INVALID_ARGUMENT: bookmark");
    }

    @Test
    void checksIds() {
        assertThat(Args.id("taskId", "sepsis-2026")).isEqualTo("sepsis-2026");
        assertInvalidWith(() -> Args.id("taskId", "a b"), "INVALID_ARGUMENT: taskId must be an id");
        assertInvalidWith(() -> Args.participantId("participantId", "ABC"), "INVALID_ARGUMENT: participantId");
    }

    private static void assertInvalidWith(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String prefix) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        FlChaincodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageStartingWith(prefix);
    }

    private static void assertInvalid(String value, String message) {
        assertThatThrownBy(() -> Args.text("message", value, 4))
                .isInstanceOfSatisfying(
                        FlChaincodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("INVALID_ARGUMENT: " + message);
    }
}
