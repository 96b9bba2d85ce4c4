package org.medfed.common.model;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * How long the organisations' IPFS nodes keep a task's round inputs (issue 17; docs/ledger-schema.md): a round's
 * update blobs (in clear or masked) and SCAFFOLD control deltas may be unpinned once {@code keepUpdatesRounds} later
 * rounds of the task have been aggregated, or, when {@code orVerifiedBy} is set, once that many organisations have
 * attested on the ledger that they recomputed the round's aggregate ({@code round:attestVerification}), whichever
 * comes first. Global models, optimizer states, control variates and shared-subset contributions are kept forever;
 * the ledger's records and hashes are never deleted. The decision is {@code retention.RoundRetention}'s.
 *
 * @param orVerifiedBy null: no early release by verification (absent from the JSON)
 */
public record RetentionPolicy(long keepUpdatesRounds, Long orVerifiedBy) implements JsonRecord {
    public static final long MAX_VERIFIERS = 1000;

    public RetentionPolicy {
        Checks.range("retention.keepUpdatesRounds", keepUpdatesRounds, 0, TaskSpec.MAX_ROUNDS);
        if (orVerifiedBy != null) {
            Checks.range("retention.orVerifiedBy", orVerifiedBy, 1, MAX_VERIFIERS);
            if (keepUpdatesRounds == 0) {
                throw new IllegalArgumentException("retention.orVerifiedBy has no effect with keepUpdatesRounds 0,"
                        + " which releases a round's updates as soon as it is aggregated: leave one of them out");
            }
        }
    }

    /** Keeps updates for {@code keepUpdatesRounds} rounds after aggregation, with no early release. */
    public static RetentionPolicy keepRounds(long keepUpdatesRounds) {
        return new RetentionPolicy(keepUpdatesRounds, null);
    }

    /** How many organisations' attestations release a round early; empty when only rounds count. */
    public OptionalLong verificationQuorum() {
        return orVerifiedBy == null ? OptionalLong.empty() : OptionalLong.of(orVerifiedBy);
    }

    /** The policy in words, for messages: {@code keep 2 rounds after aggregation, or until verified by 2 organisations}. */
    public String describe() {
        String rounds =
                "keep " + keepUpdatesRounds + " round" + (keepUpdatesRounds == 1 ? "" : "s") + " after aggregation";
        return orVerifiedBy == null
                ? rounds
                : rounds + ", or until verified by " + orVerifiedBy + " organisation" + (orVerifiedBy == 1 ? "" : "s");
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("keepUpdatesRounds", keepUpdatesRounds);
        if (orVerifiedBy != null) {
            json.put("orVerifiedBy", orVerifiedBy);
        }
        return json;
    }

    public static RetentionPolicy fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "keepUpdatesRounds", "orVerifiedBy");
        return new RetentionPolicy(
                JsonFields.integer(json, "keepUpdatesRounds"),
                json.get("orVerifiedBy") == null ? null : JsonFields.integer(json, "orVerifiedBy"));
    }
}
