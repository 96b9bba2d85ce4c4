package org.medfed.client.cli;

import org.medfed.client.gateway.MedfedException;

/** What to do after the ledger refused a call for a reason people often meet: appended to the one error line. */
final class ErrorHints {
    private ErrorHints() {}

    static String line(MedfedException e) {
        String hint = e.isFromChaincode() ? hint(e.code(), String.valueOf(e.getMessage())) : null;
        return e.describe() + (hint == null ? "" : " — " + hint);
    }

    private static String hint(String code, String message) {
        return switch (code) {
            case "NOT_FOUND" -> notFound(message);
            case "UNAUTHORIZED" ->
                "this profile's identity may not do this; act as one that may with --profile "
                        + "(consortium admin work needs an <org>-admin profile)";
            case "NOT_REGISTERED" ->
                "a consortium admin must register this identity first: `medfed participant "
                        + "register --from-profile <this profile> --role ROLE --name NAME`";
            case "PARTICIPANT_SUSPENDED" ->
                "a consortium admin can reinstate it with `medfed participant reinstate " + "ID`";
            case "NO_DP_POLICY" ->
                "the task is not differentially private: no epsilon is spent or guaranteed "
                        + "(`medfed task show TASK` shows its DP line as none)";
            case "DATASET_USE_NOT_APPROVED" ->
                "the dataset's holder must approve the task's use of it first: `medfed dataset approve TASK DATASET`"
                        + " (`medfed dataset uses TASK` shows every decision)";
            case "NOT_A_RISK_TASK" ->
                "only a risk task's global models attest a patient's risk: name a task whose spec has `risk`"
                        + " (`medfed task show TASK --json`)";
            case "NOT_A_GLOBAL_MODEL" ->
                "attest with a model the task aggregated in that round: `medfed risk attest` takes the task's latest"
                        + " (`medfed task show TASK` shows it)";
            case "ATTESTATION_EXPIRED" ->
                "the observation is older than its time-to-live at ledger time: attest a newer observation, or give"
                        + " `medfed risk attest` a longer --ttl";
            case "STALE_ATTESTATION" ->
                "the patient already has an attestation of this or a later observation; attest again after a newer"
                        + " one (`medfed audit attest~REF` shows the patient's attestations)";
            case "NOT_PATIENT_HOLDER" ->
                "only the data holder that first attested the patient may attest it or release its records; act as"
                        + " that holder with --profile";
            case "NO_ACCESS_POLICY" -> "a consortium admin must set the access policy first: `medfed policy set FILE`";
            case "POLICY_VERSION_CONFLICT" ->
                "the policy's version must be the current one plus one (1 for the first): `medfed policy show` shows"
                        + " the current version";
            case "NO_LIVE_GRANT" ->
                "ask for access first: `medfed access request --patient REF --purpose CODE` (`medfed access show"
                        + " DECISION_ID` shows a decision's scopes and expiry)";
            default -> null;
        };
    }

    private static String notFound(String message) {
        if (message.startsWith("no task ")) {
            return "check the task id; `medfed task list` lists the tasks";
        }
        if (message.startsWith("no participant ")) {
            return "check the participant id; `medfed participant list` lists them";
        }
        if (message.startsWith("no dataset ")) {
            return "check the dataset id; `medfed dataset list` lists them";
        }
        if (message.startsWith("no round ")) {
            return "`medfed round status TASK` shows the task's current round";
        }
        if (message.startsWith("no global model ")) {
            return "check the CID or SHA-256; `medfed task show TASK` shows a task's current global model";
        }
        if (message.startsWith("no access decision ")) {
            return "check the decision id; `medfed access audit` lists every decision";
        }
        if (message.startsWith("no data holder has attested patient ")) {
            return "check the patient reference (its holder prints it with `medfed records ref`); a patient is known"
                    + " to the ledger once its holder attests it (`medfed risk attest`)";
        }
        return "check the id or key";
    }
}
