package org.medfed.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyCodeIsScreamingSnakeCaseWithADescription() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.name()).matches("[A-Z]+(_[A-Z]+)*");
            assertThat(code.description()).isNotBlank();
        }
    }

    @Test
    void findsACodeByItsExactName() {
        assertThat(ErrorCode.fromName("NOT_FOUND")).contains(ErrorCode.NOT_FOUND);
        assertThat(ErrorCode.fromName("not_found")).isEmpty();
        assertThat(ErrorCode.fromName(null)).isEmpty();
    }
}
