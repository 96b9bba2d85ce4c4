package org.medfed.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.view.TaskFields;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.reputation.ReputationPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "create",
        description = {"Create a training task from a JSON spec (task:createTask; consortium admins); round 1 opens.",
                "The spec (docs/ledger-schema.md, \"Request arguments\") is checked here with fl-common's TaskSpec "
                        + "first, so a mistake names its field before anything is sent."})
final class TaskCreateCommand extends LedgerCommand {

    /** Nested parts of a spec, innermost first, so an error can say where it is. */
    private static final List<Part> PARTS = List.of(
            new Part("model.initialModel", json -> JsonFields.object(JsonFields.object(json, "model"), "initialModel"),
                    ContentRef::fromJson),
            new Part("model", json -> JsonFields.object(json, "model"), ModelSpec::fromJson),
            new Part("training", json -> JsonFields.object(json, "training"), TrainingSpec::fromJson),
            new Part("strategy", json -> JsonFields.object(json, "strategy"), StrategySpec::fromJson),
            new Part("dp", json -> JsonFields.object(json, "dp"), DpPolicy::fromJson),
            new Part("reputation", json -> JsonFields.object(json, "reputation"), ReputationPolicy::fromJson));

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The task spec, a JSON file.")
    private Path specFile;

    @Option(names = "--dry-run", description = "Only check the spec; send nothing.")
    private boolean dryRun;

    private TaskSpec spec;

    @Override
    protected boolean prepare() throws Exception {
        spec = read(specFile);
        if (dryRun) {
            if (json) {
                printJson(CanonicalJson.encode(spec.toJson()));
            } else {
                out().println("The spec in " + specFile + " is valid: task " + spec.id() + ", " + spec.rounds()
                        + " rounds, " + spec.eligibleParticipants().size() + " eligible participants. Dry run: "
                        + "nothing was sent.");
            }
        }
        return !dryRun;
    }

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        return answer(new TaskLedger(ledger).create(spec), TaskFields::printWrite);
    }

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

    private record Part(String path, Function<Map<String, Object>, Map<String, Object>> extract,
            Function<Map<String, Object>, ?> decoder) {}
}
