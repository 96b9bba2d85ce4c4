package org.medfed.client.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.CsvTable;
import org.medfed.client.data.DataException;
import org.medfed.client.data.SchemaMapping;

/**
 * A table and the mapping a simulation applies to it: the given mapping (with its declared scaling), or one
 * derived from the table ({@link DerivedMapping}), then z-scored with the training rows' statistics.
 *
 * @param notes what was decided about the columns, for the output
 */
public record SimInput(CsvTable table, SchemaMapping mapping, boolean standardize, List<String> notes) {

    public static SimInput load(
            Path data, String label, Path mappingFile, List<String> drop, String partitionBy, Double positiveAtLeast)
            throws DataException {
        CsvTable table = CsvReader.read(data);
        if (mappingFile != null) {
            if (!drop.isEmpty() || positiveAtLeast != null) {
                throw new DataException("--drop and --positive-at-least apply without --mapping only: the mapping "
                        + mappingFile + " says which columns to drop and how the label maps to classes");
            }
            SchemaMapping mapping = SchemaMapping.load(mappingFile);
            if (!mapping.label().column().equals(label)) {
                throw new DataException("--label " + label + " differs from the mapping's label column '"
                        + mapping.label().column() + "'");
            }
            return new SimInput(
                    table,
                    mapping,
                    false,
                    List.of("mapping " + mappingFile + " (its declared scaling: "
                            + mapping.scaling().method().key() + ")"));
        }
        DerivedMapping.Derived derived = DerivedMapping.derive(table, label, drop, partitionBy, positiveAtLeast);
        List<String> notes = new ArrayList<>();
        notes.add("mapping derived from the table: " + derived.numeric().size() + " numeric feature(s) z-scored with"
                + " the mean and sd of the training rows (simulate computes them; on the network the task's mapping"
                + " declares them)");
        if (!derived.oneHot().isEmpty()) {
            notes.add("one-hot (first level dropped): " + String.join(", ", derived.oneHot()));
        }
        if (!derived.dropped().isEmpty()) {
            notes.add("dropped: " + String.join(", ", derived.dropped()));
        }
        if (!drop.isEmpty()) {
            notes.add("dropped as asked: " + String.join(", ", drop));
        }
        notes.add("classes: " + String.join(", ", derived.mapping().label().classes())
                + "; rows missing a value (\"\", ?, NA) are dropped");
        return new SimInput(table, derived.mapping(), true, notes);
    }
}
