package org.medfed.client.access;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.CsvTable;
import org.medfed.client.data.DataException;

/**
 * A data holder's patients: one CSV row per observation, columns {@code patientId, name, age, observedAt, note} and
 * any number of numeric vital-sign columns (the shipped table, {@code data/patients/synthetic_maternal_patients.csv},
 * has the maternal health risk table's {@code SystolicBP, DiastolicBP, BS, BodyTemp, HeartRate}). Rows of one patient
 * must agree on name and age.
 */
public final class PatientTable {

    static final List<String> FIXED = List.of("patientId", "name", "age", "observedAt", "note");

    /** One vital-sign reading; {@code vitals} keeps the table's column order. */
    public record Observation(Instant observedAt, Map<String, BigDecimal> vitals, String note) {
        public Observation {
            vitals = Collections.unmodifiableMap(new LinkedHashMap<>(vitals));
        }
    }

    /** A patient and their observations, oldest first. */
    public record Patient(String id, String name, int age, List<Observation> observations) {
        public Patient {
            observations = observations.stream()
                    .sorted(Comparator.comparing(Observation::observedAt))
                    .toList();
        }

        public Observation latest() {
            return observations.get(observations.size() - 1);
        }

        /**
         * The values of {@code features} at the latest observation, matching column names without regard to case
         * ({@code Age} is the patient's age), in the order asked: the raw row a risk model scores.
         */
        public double[] features(List<String> features) throws DataException {
            Map<String, BigDecimal> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            byName.putAll(latest().vitals());
            byName.put("age", BigDecimal.valueOf(age));
            double[] row = new double[features.size()];
            for (int i = 0; i < row.length; i++) {
                BigDecimal value = byName.get(features.get(i));
                if (value == null) {
                    throw new DataException(
                            "patient " + id + " has no value for feature \"" + features.get(i) + "\" (columns: age, "
                                    + String.join(", ", latest().vitals().keySet()) + ")");
                }
                row[i] = value.doubleValue();
            }
            return row;
        }
    }

    private final Map<String, Patient> patients;
    private final List<String> vitalColumns;

    private PatientTable(Map<String, Patient> patients, List<String> vitalColumns) {
        this.patients = Collections.unmodifiableMap(patients);
        this.vitalColumns = List.copyOf(vitalColumns);
    }

    public static PatientTable load(Path csv) throws DataException {
        return of(CsvReader.read(csv));
    }

    static PatientTable of(CsvTable table) throws DataException {
        for (String column : FIXED) {
            if (table.column(column).isEmpty()) {
                throw new DataException(table.source() + ": no column \"" + column + "\"; a patient table has "
                        + String.join(", ", FIXED) + " and numeric vital-sign columns");
            }
        }
        List<String> vitals =
                table.header().stream().filter(c -> !FIXED.contains(c)).toList();
        Map<String, String> names = new TreeMap<>();
        Map<String, Integer> ages = new TreeMap<>();
        Map<String, List<Observation>> observations = new TreeMap<>();
        for (CsvTable.Row row : table.rows()) {
            String where = table.source() + ", line " + row.line();
            String id = field(table, row, "patientId").strip();
            if (id.isEmpty()) {
                throw new DataException(where + ": empty patientId");
            }
            String name = field(table, row, "name");
            int age = age(where, field(table, row, "age"));
            if (names.containsKey(id) && (!names.get(id).equals(name) || ages.get(id) != age)) {
                throw new DataException(where + ": patient " + id + " has another name or age on an earlier row");
            }
            names.put(id, name);
            ages.put(id, age);
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            for (String column : vitals) {
                values.put(column, number(where, column, field(table, row, column)));
            }
            observations
                    .computeIfAbsent(id, k -> new ArrayList<>())
                    .add(new Observation(
                            instant(where, field(table, row, "observedAt")), values, field(table, row, "note")));
        }
        Map<String, Patient> patients = new LinkedHashMap<>();
        for (Map.Entry<String, List<Observation>> entry : observations.entrySet()) {
            String id = entry.getKey();
            patients.put(id, new Patient(id, names.get(id), ages.get(id), entry.getValue()));
        }
        return new PatientTable(patients, vitals);
    }

    /** Patients by id, in id order. */
    public Map<String, Patient> patients() {
        return patients;
    }

    public Optional<Patient> find(String patientId) {
        return Optional.ofNullable(patients.get(patientId));
    }

    public List<String> vitalColumns() {
        return vitalColumns;
    }

    /**
     * The same table replayed so that its latest observation happened at {@code now}: every time moves by the same
     * amount. For demonstrations with a recorded table, whose observations would otherwise be too old for any
     * attestation's time-to-live.
     */
    public PatientTable replayedAt(Instant now) {
        Instant latest = patients.values().stream()
                .map(p -> p.latest().observedAt())
                .max(Comparator.naturalOrder())
                .orElse(now);
        Duration shift = Duration.between(latest, now);
        Map<String, Patient> moved = new LinkedHashMap<>();
        for (Patient p : patients.values()) {
            List<Observation> shifted = p.observations().stream()
                    .map(o -> new Observation(o.observedAt().plus(shift), o.vitals(), o.note()))
                    .toList();
            moved.put(p.id(), new Patient(p.id(), p.name(), p.age(), shifted));
        }
        return new PatientTable(moved, vitalColumns);
    }

    private static String field(CsvTable table, CsvTable.Row row, String column) {
        return row.get(table.column(column).orElseThrow());
    }

    private static BigDecimal number(String where, String column, String text) throws DataException {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new DataException(where + ": column " + column + " must be a number, got \"" + text + "\"");
        }
    }

    private static int age(String where, String text) throws DataException {
        try {
            int age = Integer.parseInt(text.strip());
            if (age >= 0 && age < 150) {
                return age;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataException(where + ": age must be whole years from 0 to 149, got \"" + text + "\"");
    }

    private static Instant instant(String where, String text) throws DataException {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new DataException(where
                    + ": observedAt must be an ISO-8601 instant such as 2025-03-03T08:15:00Z, got \"" + text + "\"");
        }
    }
}
