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
    void holdsEveryCodeTheLedgerIssueNames() {
        assertThat(ErrorCode.values())
                .extracting(ErrorCode::name)
                .contains(
                        "UNAUTHORIZED",
                        "NOT_REGISTERED",
                        "ROUND_NOT_OPEN",
                        "STALE_ROUND",
                        "DUPLICATE_SUBMISSION",
                        "BASE_MODEL_MISMATCH",
                        "PRIVACY_BUDGET_EXCEEDED",
                        "INVALID_ARGUMENT",
                        "PARTICIPANT_SUSPENDED",
                        "DATASET_NOT_ADMITTED",
                        "TASK_NOT_ACTIVE",
                        "ROUND_NOT_CLOSED",
                        "QUORUM_NOT_MET",
                        "AGGREGATION_FAILED",
                        "BLOB_UNAVAILABLE",
                        "NO_DP_POLICY");
    }

    @Test
    void findsACodeByItsExactName() {
        assertThat(ErrorCode.fromName("NOT_FOUND")).contains(ErrorCode.NOT_FOUND);
        assertThat(ErrorCode.fromName("not_found")).isEmpty();
        assertThat(ErrorCode.fromName(null)).isEmpty();
    }
}
