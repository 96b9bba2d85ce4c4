package org.medfed.common.model;

import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * What a task will use the datasets it names for: an HL7 purpose-of-use code and a statement the data holders read
 * before they approve. A task that declares one trains on a dataset only after its holder approved that use
 * (docs/access.md#dataset-use-approvals).
 */
public record UsePurpose(PurposeOfUse code, String statement) implements JsonRecord {
    public static final int MAX_STATEMENT = 1024;

    public UsePurpose {
        Checks.required("usePurpose.code", code);
        Checks.text("usePurpose.statement", statement, MAX_STATEMENT);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("code", code.wire());
        json.put("statement", statement);
        return json;
    }

    public static UsePurpose fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "code", "statement");
        return new UsePurpose(
                PurposeOfUse.fromWire(JsonFields.string(json, "code")), JsonFields.string(json, "statement"));
    }
}
