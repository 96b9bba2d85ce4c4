package org.medfed.common.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * What makes a task a risk task: {@code classes[i]} is the risk class of the model's output class i (the maternal
 * health table's low, mid and high risk are stable, serious and critical). Attestations posted with a global model
 * of such a task decide access to patients' records (docs/access.md).
 */
public record RiskModelSpec(List<RiskClass> classes) implements JsonRecord {
    public RiskModelSpec {
        Checks.required("risk.classes", classes);
        if (classes.size() < 2 || classes.stream().anyMatch(Objects::isNull) || classes.contains(RiskClass.UNKNOWN)) {
            throw new IllegalArgumentException(
                    "risk.classes must name stable, serious or critical for each of the model's classes, got "
                            + classes);
        }
        classes = List.copyOf(classes);
    }

    /** The risk class of the model's output class {@code index}. */
    public RiskClass classOf(int index) {
        if (index < 0 || index >= classes.size()) {
            throw new IllegalArgumentException(
                    "class index " + index + " is outside the model's " + classes.size() + " classes");
        }
        return classes.get(index);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("classes", classes.stream().map(RiskClass::wire).toList());
        return json;
    }

    public static RiskModelSpec fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "classes");
        return new RiskModelSpec(JsonFields.strings(json, "classes").stream()
                .map(RiskClass::fromWire)
                .toList());
    }
}
