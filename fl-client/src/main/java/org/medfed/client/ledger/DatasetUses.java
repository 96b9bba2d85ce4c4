package org.medfed.client.ledger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.PurposeOfUse;

/**
 * Every dataset a task admits with its holder's decision, as {@code dataset:listDatasetUses} answers. {@code purpose}
 * is null and {@code approvalRequired} false for a task that declares no purpose: it trains on any admitted dataset.
 */
public record DatasetUses(String taskId, PurposeOfUse purpose, boolean approvalRequired, List<DatasetUse> items) {

    public DatasetUses {
        items = List.copyOf(items);
    }

    /** The datasets {@code holderId} holds among those the task admits, in dataset id order. */
    public List<DatasetUse> heldBy(String holderId) {
        return items.stream().filter(use -> holderId.equals(use.holderId())).toList();
    }

    /**
     * Why {@code holderId} may not train for the task, or empty when the task needs no approval or one of the holder's
     * datasets is approved.
     */
    public Optional<String> refusalFor(String holderId) {
        List<DatasetUse> held = heldBy(holderId);
        if (!approvalRequired || held.stream().anyMatch(DatasetUse::approved)) {
            return Optional.empty();
        }
        if (held.isEmpty()) {
            return Optional.of("task " + taskId + " admits no dataset of this participant");
        }
        return Optional.of("task " + taskId + " may not use "
                + String.join(
                        ", ",
                        held.stream()
                                .map(use -> "dataset " + use.datasetId() + " (" + use.status() + ")")
                                .toList())
                + " for " + purpose.wire() + ": its holder has not approved");
    }

    public static DatasetUses fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "taskId", "purpose", "approvalRequired", "items");
        String purpose = JsonFields.optionalString(json, "purpose");
        return new DatasetUses(
                JsonFields.string(json, "taskId"),
                purpose == null ? null : PurposeOfUse.fromWire(purpose),
                JsonFields.bool(json, "approvalRequired"),
                JsonFields.objects(json, "items").stream()
                        .map(DatasetUse::fromJson)
                        .toList());
    }
}
