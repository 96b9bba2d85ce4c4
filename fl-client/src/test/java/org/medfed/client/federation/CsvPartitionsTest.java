package org.medfed.client.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.CsvTable;

class CsvPartitionsTest {
    @TempDir
    Path dir;

    private static CsvTable table(int malignant, int benign) throws Exception {
        StringBuilder csv = new StringBuilder("id,diagnosis,x\n");
        for (int i = 0; i < malignant + benign; i++) {
            csv.append(i)
                    .append(',')
                    .append(i < malignant ? "M" : "B")
                    .append(',')
                    .append(i * 0.5)
                    .append('\n');
        }
        return CsvReader.parse(csv.toString(), "t.csv");
    }

    private static long count(CsvTable table, String label) {
        return table.rows().stream().filter(r -> r.get(1).equals(label)).count();
    }

    @Test
    void everyRowLandsInExactlyOnePartOrTheTestSetWithClassesSpreadEvenly() throws Exception {
        CsvTable table = table(60, 90);

        CsvPartitions.Split split = CsvPartitions.split(table, "diagnosis", 3, 0.2, 7);

        List<String> ids = new ArrayList<>();
        split.parts().forEach(p -> p.rows().forEach(r -> ids.add(r.get(0))));
        split.test().rows().forEach(r -> ids.add(r.get(0)));
        assertThat(ids).hasSize(150).doesNotHaveDuplicates();
        assertThat(count(split.test(), "M")).isEqualTo(12);
        assertThat(count(split.test(), "B")).isEqualTo(18);
        for (CsvTable part : split.parts()) {
            assertThat(count(part, "M")).isEqualTo(16);
            assertThat(count(part, "B")).isEqualTo(24);
        }
    }

    @Test
    void theSameSeedGivesTheSamePartsAndAnotherSeedOthers() throws Exception {
        CsvTable table = table(20, 30);

        CsvPartitions.Split a = CsvPartitions.split(table, "diagnosis", 2, 0.2, 1);
        CsvPartitions.Split b = CsvPartitions.split(table, "diagnosis", 2, 0.2, 1);
        CsvPartitions.Split c = CsvPartitions.split(table, "diagnosis", 2, 0.2, 2);

        assertThat(a.parts().get(0).rows()).isEqualTo(b.parts().get(0).rows());
        assertThat(a.parts().get(0).rows()).isNotEqualTo(c.parts().get(0).rows());
    }

    @Test
    void writtenPartsReadBackAsTheSameRows() throws Exception {
        CsvPartitions.Split split = CsvPartitions.split(table(10, 10), "diagnosis", 2, 0.0, 3);
        Path file = dir.resolve("part.csv");

        CsvPartitions.write(split.parts().get(1), file);

        CsvTable back = CsvReader.read(file);
        assertThat(back.header()).isEqualTo(split.parts().get(1).header());
        assertThat(back.rows())
                .extracting(CsvTable.Row::fields)
                .isEqualTo(split.parts().get(1).rows().stream()
                        .map(CsvTable.Row::fields)
                        .toList());
    }
}
