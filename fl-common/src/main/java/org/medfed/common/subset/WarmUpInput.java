package org.medfed.common.subset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.TaskSpec;

/**
 * What the warm-up of a task's initial model reads from the ledger: the spec (model, shared subset, warm-up
 * settings), the initial model, the published contributions in ascending dataset id order, the order their rows
 * are concatenated in, and the registered member keys (MSP id to base64 public key), against which an endorser checks
 * its own key before opening anything: a key that does not match is the node's fault, not the rows'.
 */
public record WarmUpInput(
        TaskSpec spec,
        ContentRef initialModel,
        List<SubsetContribution> contributions,
        SortedMap<String, String> memberKeys)
        implements JsonRecord {

    /** Without member keys to check against. */
    public WarmUpInput(TaskSpec spec, ContentRef initialModel, List<SubsetContribution> contributions) {
        this(spec, initialModel, contributions, new TreeMap<>());
    }

    public WarmUpInput {
        Checks.required("spec", spec);
        if (spec.subset().isEmpty()) {
            throw new IllegalArgumentException("task " + spec.id() + " declares no shared subset");
        }
        Checks.required("initialModel", initialModel);
        contributions = List.copyOf(contributions);
        memberKeys = Collections.unmodifiableSortedMap(new TreeMap<>(memberKeys));
        for (int i = 1; i < contributions.size(); i++) {
            if (contributions
                            .get(i - 1)
                            .datasetId()
                            .compareTo(contributions.get(i).datasetId())
                    >= 0) {
                throw new IllegalArgumentException("contributions must be in ascending dataset id order");
            }
        }
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("spec", spec.toJson());
        json.put("initialModel", initialModel.toJson());
        List<Map<String, Object>> items = new ArrayList<>();
        contributions.forEach(c -> items.add(c.toJson()));
        json.put("contributions", items);
        json.put("memberKeys", new TreeMap<>(memberKeys));
        return json;
    }

    public static WarmUpInput fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "spec", "initialModel", "contributions", "memberKeys");
        SortedMap<String, String> keys = new TreeMap<>();
        Map<String, Object> memberKeys = JsonFields.optionalObject(json, "memberKeys");
        if (memberKeys != null) {
            memberKeys.keySet().forEach(mspId -> keys.put(mspId, JsonFields.string(memberKeys, mspId)));
        }
        return new WarmUpInput(
                TaskSpec.fromJson(JsonFields.object(json, "spec")),
                ContentRef.fromJson(JsonFields.object(json, "initialModel")),
                JsonFields.objects(json, "contributions").stream()
                        .map(SubsetContribution::fromJson)
                        .toList(),
                keys);
    }
}
