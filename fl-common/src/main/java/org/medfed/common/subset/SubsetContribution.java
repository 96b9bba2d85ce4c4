package org.medfed.common.subset;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.SharedSubsetSpec;

/**
 * What a data holder publishes for a task's shared subset: where the encrypted rows live ({@code cid}, {@code
 * sha256} of the sealed blob), the SHA-256 of the rows themselves ({@code rowsSha256}, the {@link SubsetRows}
 * encoding), how many rows of each class it gives, the consent it affirms (the spec's text, verbatim), and the
 * content key wrapped for each member organisation ({@link SubsetCipher}): mspId → wrapped key, with the seal's
 * ephemeral X25519 public key. No row and no identifier is on the ledger.
 */
public record SubsetContribution(
        String taskId,
        String datasetId,
        String cid,
        String sha256,
        String rowsSha256,
        List<Long> classCounts,
        String consent,
        String ephemeralKey,
        SortedMap<String, String> wrappedKeys)
        implements JsonRecord {
    public static final int MAX_MEMBERS = 64;
    public static final int MAX_WRAPPED = 256;

    public SubsetContribution {
        Checks.id("taskId", taskId);
        Checks.id("datasetId", datasetId);
        Checks.cid("cid", cid);
        Checks.sha256("sha256", sha256);
        Checks.sha256("rowsSha256", rowsSha256);
        Checks.required("classCounts", classCounts);
        if (classCounts.isEmpty() || classCounts.size() > 1000) {
            throw new IllegalArgumentException("classCounts must have one count per class, got " + classCounts.size());
        }
        long rows = 0;
        for (Long count : classCounts) {
            Checks.range(
                    "classCounts[]", Checks.required("classCounts[]", count), 0, SharedSubsetSpec.MAX_ROWS_PER_CLASS);
            rows += count;
        }
        if (rows == 0) {
            throw new IllegalArgumentException("a contribution gives at least one row; decline instead");
        }
        classCounts = List.copyOf(classCounts);
        Checks.text("consent", consent, SharedSubsetSpec.MAX_CONSENT);
        requireBase64("ephemeralKey", ephemeralKey, 32, 32);
        Checks.required("wrappedKeys", wrappedKeys);
        if (wrappedKeys.isEmpty() || wrappedKeys.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException(
                    "wrappedKeys must name 1 to " + MAX_MEMBERS + " organisations, got " + wrappedKeys.size());
        }
        wrappedKeys.forEach((mspId, wrapped) -> {
            Checks.id("wrappedKeys key", mspId);
            requireBase64("wrappedKeys." + mspId, wrapped, 1, MAX_WRAPPED);
        });
        wrappedKeys = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(wrappedKeys));
    }

    /** All the rows it gives. */
    public long rows() {
        return classCounts.stream().mapToLong(Long::longValue).sum();
    }

    private static void requireBase64(String field, String value, int minBytes, int maxBytes) {
        Checks.required(field, value);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be base64: " + e.getMessage(), e);
        }
        if (bytes.length < minBytes || bytes.length > maxBytes) {
            throw new IllegalArgumentException(field + " must decode to " + minBytes
                    + (minBytes == maxBytes ? "" : " to " + maxBytes) + " bytes, got " + bytes.length);
        }
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("datasetId", datasetId);
        json.put("cid", cid);
        json.put("sha256", sha256);
        json.put("rowsSha256", rowsSha256);
        json.put("classCounts", classCounts);
        json.put("consent", consent);
        json.put("ephemeralKey", ephemeralKey);
        json.put("wrappedKeys", new TreeMap<>(wrappedKeys));
        return json;
    }

    public static SubsetContribution fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "taskId",
                "datasetId",
                "cid",
                "sha256",
                "rowsSha256",
                "classCounts",
                "consent",
                "ephemeralKey",
                "wrappedKeys");
        Map<String, Object> wrapped = JsonFields.object(json, "wrappedKeys");
        SortedMap<String, String> keys = new TreeMap<>();
        for (String mspId : wrapped.keySet()) {
            keys.put(mspId, JsonFields.string(wrapped, mspId));
        }
        return new SubsetContribution(
                JsonFields.string(json, "taskId"),
                JsonFields.string(json, "datasetId"),
                JsonFields.string(json, "cid"),
                JsonFields.string(json, "sha256"),
                JsonFields.string(json, "rowsSha256"),
                JsonFields.integers(json, "classCounts"),
                JsonFields.string(json, "consent"),
                JsonFields.string(json, "ephemeralKey"),
                keys);
    }
}
