package org.medfed.client.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.client.data.CsvReader;

class SyntheticPatientsTest {

    static Path data(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("data").resolve(name))) {
                return dir.resolve("data").resolve(name);
            }
        }
        throw new IllegalStateException(
                "data/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void committedTableIsWhatTheSeededGeneratorWrites() throws Exception {
        String fresh = SyntheticPatients.generate(CsvReader.read(data("maternal_health_risk.csv")));
        assertThat(SyntheticPatients.read(data(SyntheticPatients.FILE))).isEqualTo(fresh);
    }

    @Test
    void everyPatientHasOneToThreeObservationsOfTheSourceColumns() throws Exception {
        PatientTable table = PatientTable.load(data(SyntheticPatients.FILE));
        assertThat(table.patients()).hasSize(SyntheticPatients.PATIENTS);
        assertThat(table.vitalColumns()).isEqualTo(SyntheticPatients.VITALS);
        assertThat(table.patients().values())
                .allSatisfy(p -> assertThat(p.observations()).hasSizeBetween(1, 3));
        assertThat(table.patients().values().stream()
                        .map(PatientTable.Patient::name)
                        .distinct())
                .hasSize(SyntheticPatients.PATIENTS);
        PatientTable.Patient first = table.find("P0001").orElseThrow();
        double[] row = first.features(List.of("Age", "SystolicBP", "DiastolicBP", "BS", "BodyTemp", "HeartRate"));
        assertThat(row[0]).isEqualTo(first.age());
        assertThat(row[1]).isEqualTo(first.latest().vitals().get("SystolicBP").doubleValue());
    }
}
