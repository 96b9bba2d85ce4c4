package org.medfed.client.federation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.medfed.client.data.CsvTable;

/**
 * Splits a table's rows among participants for a simulated federation: a held-back test share first, then the rest
 * dealt round-robin, each class separately (stratified), after a seeded shuffle. The same table and seed always give
 * the same partitions.
 */
public final class CsvPartitions {

    /** The participants' tables, in the order asked for, and the held-back test rows. */
    public record Split(List<CsvTable> parts, CsvTable test) {}

    private CsvPartitions() {}

    public static Split split(CsvTable table, String labelColumn, int parts, double testFraction, long seed) {
        int label = table.column(labelColumn)
                .orElseThrow(
                        () -> new IllegalArgumentException(table.source() + " has no column '" + labelColumn + "'"));
        if (parts < 1 || !(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("need at least one part and a test fraction in [0, 1)");
        }
        Map<String, List<CsvTable.Row>> byClass = new TreeMap<>();
        for (CsvTable.Row row : table.rows()) {
            byClass.computeIfAbsent(row.get(label), k -> new ArrayList<>()).add(row);
        }
        Random random = new Random(seed);
        List<List<CsvTable.Row>> dealt = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            dealt.add(new ArrayList<>());
        }
        List<CsvTable.Row> test = new ArrayList<>();
        for (List<CsvTable.Row> rows : byClass.values()) {
            Collections.shuffle(rows, random);
            int held = (int) Math.round(rows.size() * testFraction);
            test.addAll(rows.subList(0, held));
            for (int i = held; i < rows.size(); i++) {
                dealt.get((i - held) % parts).add(rows.get(i));
            }
        }
        List<CsvTable> tables = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            tables.add(new CsvTable(table.source() + " part " + (i + 1), table.header(), dealt.get(i)));
        }
        return new Split(tables, new CsvTable(table.source() + " test", table.header(), test));
    }

    /** Writes a table as CSV (header first), quoting fields that need it. */
    public static void write(CsvTable table, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file, UTF_8)) {
            out.write(line(table.header()));
            for (CsvTable.Row row : table.rows()) {
                out.write(line(row.fields()));
            }
        }
    }

    private static String line(List<String> fields) {
        List<String> quoted = new ArrayList<>(fields.size());
        for (String field : fields) {
            quoted.add(
                    field.contains(",") || field.contains("\"") || field.contains("\n")
                            ? "\"" + field.replace("\"", "\"\"") + "\""
                            : field);
        }
        return String.join(",", quoted) + "\n";
    }
}
