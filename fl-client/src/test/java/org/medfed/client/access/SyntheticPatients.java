package org.medfed.client.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.CsvTable;
import org.medfed.client.data.DataException;

/**
 * Writes {@code data/patients/synthetic_maternal_patients.csv}: {@value #PATIENTS} invented patients whose
 * observations are rows of {@code data/maternal_health_risk.csv} (a patient's rows share the source's Age), with
 * invented names, observation times and notes. Seeded: the same source gives the same bytes, which
 * {@code SyntheticPatientsTest} checks against the committed file. Run {@link #main} to write it again.
 */
final class SyntheticPatients {

    static final long SEED = 14;
    static final int PATIENTS = 200;
    static final String FILE = "patients/synthetic_maternal_patients.csv";
    static final List<String> VITALS = List.of("SystolicBP", "DiastolicBP", "BS", "BodyTemp", "HeartRate");

    private static final Instant FIRST_VISIT = Instant.parse("2025-03-03T08:00:00Z");
    private static final List<String> GIVEN = List.of(
            "Ayesha", "Fatema", "Nusrat", "Sharmin", "Rumana", "Taslima", "Nasrin", "Shirin", "Moriom", "Sumaiya",
            "Farzana", "Rokeya", "Jannat", "Tahmina", "Sabina", "Laila", "Parvin", "Shahana", "Rehana", "Mitu");
    private static final List<String> FAMILY = List.of(
            "Akter",
            "Begum",
            "Khatun",
            "Islam",
            "Rahman",
            "Hossain",
            "Chowdhury",
            "Sarker",
            "Das",
            "Roy",
            "Ahmed",
            "Khan",
            "Mia",
            "Uddin",
            "Bhuiyan",
            "Sultana",
            "Haque",
            "Karim",
            "Alam",
            "Talukder");
    private static final List<String> NOTES = List.of(
            "routine antenatal check",
            "no complaints",
            "reports mild headache",
            "reports swollen ankles",
            "reports dizziness on standing",
            "reports poor sleep",
            "follow-up visit",
            "reports reduced appetite",
            "advised rest and fluids",
            "reading taken at home by wearable");

    private SyntheticPatients() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "data");
        Path out = data.resolve(FILE);
        Files.createDirectories(out.getParent());
        Files.writeString(out, generate(CsvReader.read(data.resolve("maternal_health_risk.csv"))));
        System.out.println("wrote " + out);
    }

    static String generate(CsvTable source) throws DataException {
        Random random = new Random(SEED);
        Map<Integer, List<CsvTable.Row>> byAge = new TreeMap<>();
        int age = column(source, "Age");
        for (CsvTable.Row row : source.rows()) {
            byAge.computeIfAbsent(Integer.parseInt(row.get(age)), k -> new ArrayList<>())
                    .add(row);
        }
        List<String> names = new ArrayList<>();
        for (String given : GIVEN) {
            for (String family : FAMILY) {
                names.add(given + " " + family);
            }
        }
        StringBuilder csv = new StringBuilder("patientId,name,age,observedAt," + String.join(",", VITALS) + ",note\n");
        for (int p = 1; p <= PATIENTS; p++) {
            String name = names.remove(random.nextInt(names.size()));
            CsvTable.Row first = source.rows().get(random.nextInt(source.size()));
            List<CsvTable.Row> sameAge = byAge.get(Integer.parseInt(first.get(age)));
            int count = 1 + random.nextInt(3);
            Instant at = FIRST_VISIT
                    .plus(Duration.ofDays(random.nextInt(60)))
                    .plus(Duration.ofMinutes(15L * random.nextInt(40)));
            for (int o = 0; o < count; o++) {
                CsvTable.Row row = o == 0 ? first : sameAge.get(random.nextInt(sameAge.size()));
                csv.append(String.format("P%04d", p)).append(',').append(name).append(',');
                csv.append(row.get(age)).append(',').append(at).append(',');
                for (String vital : VITALS) {
                    csv.append(row.get(column(source, vital))).append(',');
                }
                csv.append(NOTES.get(random.nextInt(NOTES.size()))).append('\n');
                at = at.plus(Duration.ofDays(1 + random.nextInt(14))).plus(Duration.ofMinutes(15L * random.nextInt(8)));
            }
        }
        return csv.toString();
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static int column(CsvTable table, String name) throws DataException {
        return table.column(name).orElseThrow(() -> new DataException(table.source() + ": no column " + name));
    }
}
