package org.medfed.common.model;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/** The aggregation strategy by name (e.g. {@code fedavg}, {@code trimmed-mean}) and its numeric parameters. */
public record StrategySpec(String name, SortedMap<String, BigDecimal> params) implements JsonRecord {
    public static final int MAX_PARAMS = 32;

    public StrategySpec {
        Checks.name("strategy name", name);
        Checks.required("strategy params", params);
        Checks.range("strategy params size", params.size(), 0, MAX_PARAMS);
        SortedMap<String, BigDecimal> copy = new TreeMap<>();
        params.forEach((key, value) -> copy.put(
                Checks.key("strategy param", key),
                Checks.required("strategy param " + key, value).stripTrailingZeros()));
        params = Collections.unmodifiableSortedMap(copy);
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("name", name, "params", new TreeMap<String, Object>(params));
    }

    public static StrategySpec fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "name", "params");
        return new StrategySpec(JsonFields.string(json, "name"), JsonFields.decimals(json, "params"));
    }
}
