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
        return "check the id or key";
    }
}
