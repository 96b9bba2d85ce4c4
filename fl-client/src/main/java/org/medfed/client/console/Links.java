package org.medfed.client.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The console's addresses, built in one place. Ids travel as query parameters, never as path segments, so a task id
 * or ledger key with any character in it needs no path escaping.
 */
public final class Links {
    private Links() {}

    public static final String TASKS = "/";
    public static final String PARTICIPANTS = "/participants";
    public static final String DATASETS = "/datasets";
    public static final String ACCESS = "/access";
    public static final String SEARCH = "/search";
    public static final String VERIFY = "/verify";
    public static final String STYLE = "/static/console.css";
    public static final String SCRIPT = "/static/live.js";

    public static String task(String taskId) {
        return "/task?id=" + q(taskId);
    }

    public static String round(String taskId, long round) {
        return "/round?task=" + q(taskId) + "&n=" + round;
    }

    public static String verify(String taskId, long round) {
        return VERIFY + "?task=" + q(taskId) + "&n=" + round;
    }

    /** The lineage of a global model, by CID or SHA-256 (provenance:getModelLineage). */
    public static String lineage(String model) {
        return "/lineage?model=" + q(model);
    }

    /** Every committed version of a ledger key (provenance:getHistory), e.g. {@code agg~TASK~3}. */
    public static String record(String key) {
        return "/record?key=" + q(key);
    }

    /** What the ledger knows that names this transaction id, CID, task or participant. */
    public static String search(String query) {
        return SEARCH + "?q=" + q(query);
    }

    /** Server-sent events of one task's chaincode events. */
    public static String events(String taskId) {
        return "/events?task=" + q(taskId);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
