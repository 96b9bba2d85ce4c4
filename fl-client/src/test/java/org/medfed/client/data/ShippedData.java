package org.medfed.client.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The tables under {@code data/} and the example mappings, plus a naive reader to derive expectations. */
public final class ShippedData {

    public static final String WDBC = "breast_cancer_wisconsin_diagnostic.csv";
    public static final String HEART = "heart_disease_uci_4sites.csv";
    public static final String MATERNAL = "maternal_health_risk.csv";
    public static final String WEARABLE = "wearable_activity_older_adults.csv";

    private ShippedData() {}

    public static Path file(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("data").resolve(name))) {
                return dir.resolve("data").resolve(name);
            }
        }
        throw new IllegalStateException(
                "data/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    static CsvTable table(String name) throws DataException {
        return CsvReader.read(file(name));
    }

    static SchemaMapping mapping(String example) throws DataException {
        return SchemaMapping.parse(example(example), example);
    }

    static String example(String name) {
        try (InputStream in = ShippedData.class.getResourceAsStream("/examples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no resource /examples/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The data rows split on commas: the shipped files have no quoting (data/README.md), so this independent
     * reading is what the real reader must agree with.
     */
    static List<List<String>> naiveRows(String name) {
        try {
            List<String> lines = Files.readAllLines(file(name), StandardCharsets.UTF_8);
            List<List<String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(Arrays.asList(line.split(",", -1)));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> naiveHeader(String name) {
        try {
            return Arrays.asList(Files.readAllLines(file(name), StandardCharsets.UTF_8)
                    .get(0)
                    .split(","));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
