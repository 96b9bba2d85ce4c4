package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.client.gateway.MedfedException;

class ErrorHintsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "no task nope | `medfed task list`",
                "no participant 1111 | `medfed participant list`",
                "no dataset d1 | `medfed dataset list`",
                "no round 4 in task t | `medfed round status TASK`",
                "no global model bafk on the ledger | `medfed task show TASK`",
                "no access decision tx9 | `medfed access audit`",
                "no data holder has attested patient abc | `medfed risk attest`",
                "no ping recorded for X | check the id or key"
            })
    void anUnknownRecordSaysWhereToLookItUp(String message, String hint) {
        assertThat(ErrorHints.line(LedgerCli.refused("NOT_FOUND", message)))
                .startsWith("NOT_FOUND: " + message + " [tx tx42] — ")
                .contains(hint);
    }

    @Test
    void permissionRefusalsSayWhichIdentityToUse() {
        assertThat(ErrorHints.line(LedgerCli.refused("UNAUTHORIZED", "admins only")))
                .contains("--profile");
        assertThat(ErrorHints.line(LedgerCli.refused("NOT_REGISTERED", "x is not registered")))
                .contains("medfed participant register --from-profile");
        assertThat(ErrorHints.line(LedgerCli.refused("PARTICIPANT_SUSPENDED", "participant p is suspended")))
                .contains("medfed participant reinstate");
    }

    @Test
    void aBudgetRefusedForATaskWithoutDpSaysTheTaskIsNotPrivate() {
        assertThat(ErrorHints.line(LedgerCli.refused("NO_DP_POLICY", "task t has no differential-privacy policy")))
                .contains("not differentially private");
    }

    @Test
    void anUnapprovedUseNamesTheCommandThatApprovesIt() {
        assertThat(ErrorHints.line(LedgerCli.refused(
                        "DATASET_USE_NOT_APPROVED", "the holder of dataset d has not approved its use by task t")))
                .contains("medfed dataset approve TASK DATASET");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "NOT_A_RISK_TASK | task t has no risk model | `medfed task show TASK --json`",
                "NOT_A_GLOBAL_MODEL | model bafk is not the global model task t aggregated in round 2 | "
                        + "`medfed risk attest`",
                "ATTESTATION_EXPIRED | it expired at 2025-01-02T00:00:00Z | --ttl",
                "STALE_ATTESTATION | patient abc already has an attestation | `medfed audit attest~REF`",
                "NOT_PATIENT_HOLDER | patient abc belongs to another data holder | --profile",
                "NO_ACCESS_POLICY | no access policy has been set | `medfed policy set FILE`",
                "POLICY_VERSION_CONFLICT | the version must be 2, got 3 | `medfed policy show`",
                "NO_LIVE_GRANT | requester r holds no grant for patient abc | `medfed access request --patient REF"
            })
    void anAccessRefusalNamesTheCommandThatHelps(String code, String message, String hint) {
        assertThat(ErrorHints.line(LedgerCli.refused(code, message)))
                .startsWith(code + ": " + message + " [tx tx42] — ")
                .contains(hint);
    }

    @Test
    void otherFailuresAreLeftAsTheyAre() {
        MedfedException refused = LedgerCli.refused("ROUND_NOT_OPEN", "closed");
        MedfedException clientSide = new MedfedException("NOT_FOUND", "not from the chaincode", null);

        assertThat(ErrorHints.line(refused)).isEqualTo(refused.describe());
        assertThat(ErrorHints.line(clientSide)).isEqualTo(clientSide.describe());
        assertThat(ErrorHints.line(LedgerCli.unreachable()))
                .isEqualTo(LedgerCli.unreachable().describe());
    }
}
