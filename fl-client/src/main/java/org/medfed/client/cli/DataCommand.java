package org.medfed.client.cli;

import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.medfed.client.ExitCodes;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.CsvTable;
import org.medfed.client.data.DataException;
import org.medfed.client.data.DeclaredStatistics;
import org.medfed.client.data.Scaling;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.view.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "data",
        description = "Local tables and schema mappings (no network): check a mapping, compute declared statistics.",
        subcommands = {DataCommand.Check.class, DataCommand.Stats.class})
final class DataCommand extends GroupCommand {

    /** The CSV and mapping options both subcommands take. */
    @Command(
            mixinStandardHelpOptions = true,
            exitCodeOnInvalidInput = ExitCodes.USAGE,
            exitCodeOnExecutionException = ExitCodes.INTERNAL)
    abstract static class TableCommand extends ReportingCommand {
        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV table.")
        Path csv;

        @Option(names = "--mapping", required = true, paramLabel = "FILE", description = "The schema mapping (JSON).")
        Path mapping;

        @Option(
                names = "--partition",
                paramLabel = "VALUE",
                description = "Only the rows whose partition column has this value (e.g. a heart disease site).")
        String partition;

        CsvTable table() throws InputException {
            try {
                return CsvReader.read(csv);
            } catch (DataException e) {
                throw new InputException(e.getMessage(), e);
            }
        }
    }

    @Command(
            name = "check",
            description = {
                "Apply a schema mapping to a CSV table and show what a node would train "
                        + "on: rows kept, features, classes and the seeded train/validation split. Nothing leaves the machine."
            })
    static final class Check extends TableCommand {
        @Option(
                names = "--validation",
                paramLabel = "F",
                defaultValue = "0.2",
                description = "Validation share (default ${DEFAULT-VALUE}).")
        double validation;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Split seed (default 0).")
        long seed;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        protected int run() throws Exception {
            CsvTable table = table();
            SchemaMapping m;
            TabularDataset data;
            try {
                m = SchemaMapping.load(mapping);
                data = partition == null ? m.apply(table) : m.apply(table, partition);
            } catch (DataException e) {
                throw new InputException(e.getMessage(), e);
            }
            if (!(validation >= 0 && validation < 1)) {
                throw new InputException("--validation must be at least 0 and below 1, got " + validation);
            }
            TabularDataset.Split split = data.split(validation, seed);
            Map<String, Integer> classes = new LinkedHashMap<>();
            int[] counts = data.classCounts();
            for (int c = 0; c < counts.length; c++) {
                classes.put(data.classNames().get(c), counts[c]);
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("mapping", m.name());
                out.put("mappingSha256", m.fingerprint());
                out.put("rowsRead", table.size());
                out.put("rowsKept", data.rowCount());
                out.put("features", data.featureNames());
                out.put("classes", classes);
                out.put("train", split.train().rowCount());
                out.put("validation", split.validation().rowCount());
                out().println(new GsonBuilder().setPrettyPrinting().create().toJson(out));
                return ExitCodes.OK;
            }
            Table.fields()
                    .row("mapping", m.name())
                    .row("mapping sha256", m.fingerprint())
                    .row("rows read", table.size())
                    .row("rows kept", data.rowCount() + (partition == null ? "" : " (partition " + partition + ")"))
                    .row("features", data.featureNames().size() + ": " + String.join(", ", data.featureNames()))
                    .row("classes", classes)
                    .row(
                            "split",
                            split.train().rowCount() + " train, "
                                    + split.validation().rowCount() + " validation (seed " + seed + ", stratified)")
                    .print(out());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "stats",
            description = {
                "For task creators: compute the scaling statistics a mapping declares "
                        + "from a reference sample and print the \"scaling\" block to paste into the mapping."
            })
    static final class Stats extends TableCommand {
        @Option(
                names = "--method",
                paramLabel = "METHOD",
                defaultValue = "z-score",
                description = "z-score or min-max (default ${DEFAULT-VALUE}).")
        String method;

        @Override
        protected int run() throws Exception {
            Scaling.Method chosen = switch (method) {
                case "z-score" -> Scaling.Method.Z_SCORE;
                case "min-max" -> Scaling.Method.MIN_MAX;
                default -> throw new InputException("--method must be z-score or min-max, got " + method);
            };
            CsvTable table = table();
            try {
                Scaling scaling = DeclaredStatistics.fromReference(
                        table, SchemaMapping.load(mapping), chosen, Optional.ofNullable(partition));
                out().println(DeclaredStatistics.toJson(scaling));
            } catch (DataException e) {
                throw new InputException(e.getMessage(), e);
            }
            return ExitCodes.OK;
        }
    }
}
