package org.medfed.common.subset;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.ContentRef;

/**
 * Stage 1 as the ledger keeps it: the warm-up of {@code initialModel} into {@code request.warmModel()}, which round 1
 * starts from; who recorded it, when, in which transaction. Every endorser recomputed it (the same bytes), and
 * anyone holding a member key can again ({@link WarmUpRecomputation}).
 */
public record WarmUpRecord(
        WarmUpRequest request, ContentRef initialModel, String recordedBy, Instant recordedAt, String txId)
        implements JsonRecord {

    public WarmUpRecord {
        Checks.required("request", request);
        Checks.required("initialModel", initialModel);
        Checks.sha256("recordedBy", recordedBy);
        Checks.required("recordedAt", recordedAt);
        Checks.text("txId", txId, 256);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>(request.toJson());
        json.put("initialModel", initialModel.toJson());
        json.put("recordedBy", recordedBy);
        json.put("recordedAt", recordedAt.toString());
        json.put("txId", txId);
        return json;
    }

    public static WarmUpRecord fromJson(Map<String, Object> json) {
        Map<String, Object> request = new TreeMap<>(json);
        ContentRef initial = ContentRef.fromJson(JsonFields.object(json, "initialModel"));
        String by = JsonFields.string(json, "recordedBy");
        Instant at = JsonFields.instant(json, "recordedAt");
        String tx = JsonFields.string(json, "txId");
        request.remove("initialModel");
        request.remove("recordedBy");
        request.remove("recordedAt");
        request.remove("txId");
        return new WarmUpRecord(WarmUpRequest.fromJson(request), initial, by, at, tx);
    }
}
