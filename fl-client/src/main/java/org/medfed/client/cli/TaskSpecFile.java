package org.medfed.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.reputation.ReputationPolicy;

/** A task spec file ({@code --spec FILE}), read by {@code task create} and {@code model init}. */
final class TaskSpecFile {

    /** Nested parts of a spec, innermost first, so an error can say where it is. */
    private static final List<Part> PARTS = List.of(
            new Part(
                    "model.initialModel",
                    json -> JsonFields.object(JsonFields.object(json, "model"), "initialModel"),
                    ContentRef::fromJson),
            new Part("model", json -> JsonFields.object(json, "model"), ModelSpec::fromJson),
            new Part("training", json -> JsonFields.object(json, "training"), TrainingSpec::fromJson),
            new Part("strategy", json -> JsonFields.object(json, "strategy"), StrategySpec::fromJson),
            new Part("dp", json -> JsonFields.object(json, "dp"), DpPolicy::fromJson),
            new Part("reputation", json -> JsonFields.object(json, "reputation"), ReputationPolicy::fromJson));

    private TaskSpecFile() {}

    /** Parses and validates a spec file; the error names the file and the field. */
    static TaskSpec read(Path file) throws InputException {
        String where = "--spec " + file + ": ";
        Map<String, Object> json;
        try {
            json = JsonFields.object(CanonicalJson.parse(Files.readString(file)));
        } catch (IOException e) {
            throw new InputException(where + "cannot read it (" + e + ")", e);
        } catch (IllegalArgumentException e) {
            throw new InputException(where + "not a JSON object: " + e.getMessage(), e);
        }
        try {
            return TaskSpec.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new InputException(where + "invalid task spec: " + locate(json, e) + e.getMessage(), e);
        }
    }

    /** {@code in "model": } when decoding that part alone fails the same way; empty for top-level fields. */
    private static String locate(Map<String, Object> json, IllegalArgumentException failure) {
        for (Part part : PARTS) {
            Map<String, Object> nested;
            try {
                nested = part.extract().apply(json);
            } catch (IllegalArgumentException absent) {
                continue;
            }
            try {
                part.decoder().apply(nested);
            } catch (IllegalArgumentException e) {
                if (String.valueOf(e.getMessage()).equals(failure.getMessage())) {
                    return "in \"" + part.path() + "\": ";
                }
            }
        }
        return "";
    }

    private record Part(
            String path,
            Function<Map<String, Object>, Map<String, Object>> extract,
            Function<Map<String, Object>, ?> decoder) {}
}
