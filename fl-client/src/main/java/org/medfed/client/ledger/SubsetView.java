package org.medfed.client.ledger;

import java.util.List;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.SharedSubsetSpec;
import org.medfed.common.subset.SubsetContribution;
import org.medfed.common.subset.SubsetShare;
import org.medfed.common.subset.WarmUpRecord;

/** {@code subset:getSubset}: where a task's shared subset stands. */
public record SubsetView(
        String taskId,
        SharedSubsetSpec spec,
        String status,
        List<Long> classTotals,
        List<Entry> shares,
        WarmUpRecord warmUp) {
    public static final String COLLECTING = "collecting";
    public static final String READY = "ready";
    public static final String WARMED = "warmed";

    /** One contributor: {@code pending}, {@code contributed} or {@code declined}, and its share once answered. */
    public record Entry(String datasetId, String status, SubsetShare share) {}

    public static SubsetView fromJson(Map<String, Object> json) {
        Map<String, Object> warm = JsonFields.optionalObject(json, "warmUp");
        return new SubsetView(
                JsonFields.string(json, "taskId"),
                SharedSubsetSpec.fromJson(JsonFields.object(json, "spec")),
                JsonFields.string(json, "status"),
                JsonFields.integers(json, "classTotals"),
                JsonFields.objects(json, "shares").stream()
                        .map(e -> {
                            Map<String, Object> share = JsonFields.optionalObject(e, "share");
                            return new Entry(
                                    JsonFields.string(e, "datasetId"),
                                    JsonFields.string(e, "status"),
                                    share == null ? null : SubsetShare.fromJson(share));
                        })
                        .toList(),
                warm == null ? null : WarmUpRecord.fromJson(warm));
    }

    /** The published contributions, in dataset id order. */
    public List<SubsetContribution> contributions() {
        return shares.stream()
                .filter(e -> e.share() != null && e.share().contributed())
                .map(e -> e.share().contribution())
                .toList();
    }

    /** Contributors that have not answered yet. */
    public long pending() {
        return shares.stream().filter(e -> e.share() == null).count();
    }
}
