package org.medfed.client.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device files made of real maternal-health rows, with a device id and a reading time added in front. */
class DeviceInboxTest {

    private static final String HEADER =
            "device,timestamp,Age,SystolicBP,DiastolicBP,BS,BodyTemp,HeartRate,RiskLevel\n";

    @TempDir
    Path inbox;

    @TempDir
    Path work;

    private SchemaMapping mapping;
    private List<List<String>> maternal;
    private long clock = 1_700_000_000L;

    @BeforeEach
    void setUp() throws Exception {
        mapping = ShippedData.mapping("mapping-maternal-health-risk.json");
        maternal = ShippedData.naiveRows(ShippedData.MATERNAL);
    }

    @Test
    void ingestsEveryDeviceFileIntoOneDataset() throws Exception {
        device("watch-1", 0, 10, 0);
        device("watch-2", 10, 25, 0);
        device("ring-7", 25, 30, 0);
        DeviceInbox gateway = open(1000, Optional.empty());

        DeviceInbox.PollResult result = gateway.poll();

        assertThat(result.ingested()).containsExactlyInAnyOrder("watch-1.csv", "watch-2.csv", "ring-7.csv");
        assertThat(result.addedRows()).isEqualTo(30);
        TabularDataset data = gateway.dataset();
        assertThat(data.rowCount()).isEqualTo(30);
        assertThat(data.classNames()).containsExactly("low risk", "mid risk", "high risk");
        assertThat(data.featureNames()).hasSize(6);
    }

    @Test
    void keepsTheNewestReadingsByTimestampWhenTheWindowIsFull() throws Exception {
        device("late", 0, 5, 500);
        device("early", 5, 10, 0);
        DeviceInbox gateway = open(5, Optional.of("timestamp"));

        DeviceInbox.PollResult result = gateway.poll();

        assertThat(result.windowRows()).isEqualTo(5);
        assertThat(gateway.dataset().labels()).containsExactly(labels(0, 5));
    }

    @Test
    void keepsTheLatestArrivalsWithoutATimestamp() throws Exception {
        device("first", 0, 4, 500);
        DeviceInbox gateway = open(6, Optional.empty());
        gateway.poll();
        device("second", 4, 8, 0);

        DeviceInbox.PollResult result = gateway.poll();

        assertThat(result.addedRows()).isEqualTo(4);
        assertThat(result.windowRows()).isEqualTo(6);
        assertThat(gateway.dataset().labels()).containsExactly(labels(2, 8));
    }

    @Test
    void aRestartNeitherCountsAFileTwiceNorForgetsTheWindow() throws Exception {
        device("watch-1", 0, 12, 0);
        device("watch-2", 12, 20, 100);
        DeviceInbox before = open(15, Optional.of("timestamp"));
        before.poll();
        float[][] kept = before.dataset().features();

        DeviceInbox after = open(15, Optional.of("timestamp"));
        DeviceInbox.PollResult result = after.poll();

        assertThat(result.ingested()).isEmpty();
        assertThat(result.addedRows()).isZero();
        assertThat(after.windowRows()).isEqualTo(15);
        assertThat(after.dataset().features()).isDeepEqualTo(kept);
    }

    @Test
    void takesOnlyTheNewCompleteRowsOfADeviceFileThatGrows() throws Exception {
        Path file = device("watch-1", 0, 3, 0);
        DeviceInbox gateway = open(100, Optional.of("timestamp"));
        gateway.poll();
        Files.writeString(file, line(3, 3) + String.join(",", row(4, 4)).substring(0, 10), StandardOpenOption.APPEND);

        DeviceInbox.PollResult grown = gateway.poll();
        Files.writeString(file, String.join(",", row(4, 4)).substring(10) + "\n", StandardOpenOption.APPEND);
        DeviceInbox.PollResult completed = open(100, Optional.of("timestamp")).poll();

        assertThat(grown.addedRows()).as("the half-written last line waits").isEqualTo(1);
        assertThat(completed.addedRows()).isEqualTo(1);
        assertThat(completed.windowRows()).isEqualTo(5);
    }

    @Test
    void rejectsAFileRewrittenInPlaceAndKeepsWhatWasReadFirst() throws Exception {
        Path file = device("watch-1", 0, 3, 0);
        DeviceInbox gateway = open(100, Optional.empty());
        gateway.poll();
        Files.writeString(file, HEADER + line(5, 0));

        DeviceInbox.PollResult result = gateway.poll();
        DeviceInbox.PollResult again = gateway.poll();

        assertThat(result.rejected()).containsOnlyKeys("watch-1.csv");
        assertThat(result.rejected().get("watch-1.csv")).contains("changed after it was ingested");
        assertThat(again.rejected()).as("reported once, until the file changes").isEmpty();
        assertThat(gateway.dataset().labels()).containsExactly(labels(0, 3));
    }

    @Test
    void rejectsABadFileNamingTheLineAndIngestsItOnceFixed() throws Exception {
        device("good", 0, 2, 0);
        Path bad = inbox.resolve("bad.csv");
        Files.writeString(bad, HEADER + line(2, 0) + "bad,5,young,1,1,1,1,1,low risk\n");
        DeviceInbox gateway = open(100, Optional.empty());

        DeviceInbox.PollResult first = gateway.poll();
        DeviceInbox.PollResult unchanged = gateway.poll();
        Files.writeString(bad, HEADER + line(2, 0) + line(3, 0));
        DeviceInbox.PollResult fixed = gateway.poll();

        assertThat(first.ingested()).containsExactly("good.csv");
        assertThat(first.rejected().get("bad.csv"))
                .isEqualTo(
                        bad + ", line 3, column 3 (Age): \"young\" is not a "
                                + "number (declare \"young\" in 'missing.markers' if it means missing, or make Age categorical)");
        assertThat(unchanged.rejected())
                .as("reported once, until the file changes")
                .isEmpty();
        assertThat(fixed.ingested()).containsExactly("bad.csv");
        assertThat(gateway.windowRows()).isEqualTo(4);
    }

    @Test
    void acceptsColumnsInAnotherOrderButNotOtherColumns() throws Exception {
        device("a", 0, 2, 0);
        List<String> r = row(2, 0);
        Files.writeString(
                inbox.resolve("b.csv"),
                "RiskLevel,device,timestamp,Age,SystolicBP,DiastolicBP,BS,BodyTemp," + "HeartRate\n" + r.get(8) + ","
                        + String.join(",", r.subList(0, 8)) + "\n");
        Files.writeString(
                inbox.resolve("c.csv"),
                "device,Age,SystolicBP,DiastolicBP,BS,BodyTemp,HeartRate,RiskLevel\n"
                        + "c,25,130,80,15,98,86,high risk\n");
        DeviceInbox gateway = open(100, Optional.empty());

        DeviceInbox.PollResult result = gateway.poll();

        assertThat(result.ingested()).containsExactlyInAnyOrder("a.csv", "b.csv");
        assertThat(result.rejected().get("c.csv")).contains("differs from the window's");
        assertThat(gateway.dataset().labels()).containsExactly(labels(0, 3));
    }

    @Test
    void rejectsAReadingWithoutAUsableTimestamp() throws Exception {
        Files.writeString(inbox.resolve("w.csv"), HEADER + "w,yesterday," + String.join(",", maternal.get(0)) + "\n");

        DeviceInbox.PollResult result = open(10, Optional.of("timestamp")).poll();

        assertThat(result.rejected().get("w.csv")).contains("line 2, column 2 (timestamp): not a timestamp");
    }

    @Test
    void readsOneDirectoryPerDevice() throws Exception {
        Files.createDirectories(inbox.resolve("watch-1"));
        Files.writeString(inbox.resolve("watch-1/monday.csv"), HEADER + line(0, 0) + line(1, 1));
        Files.writeString(inbox.resolve("watch-1/notes.txt"), "not a reading");
        Files.writeString(inbox.resolve(".hidden.csv"), HEADER + line(2, 2));

        DeviceInbox.PollResult result = open(10, Optional.empty()).poll();

        assertThat(result.ingested()).containsExactly("watch-1/monday.csv");
        assertThat(result.windowRows()).isEqualTo(2);
    }

    @Test
    void doesNotReadAgainAFileWhoseSizeAndModificationTimeAreUnchanged() throws Exception {
        Path file = device("watch-1", 0, 3, 0);
        FileTime stamp = Files.getLastModifiedTime(file);
        DeviceInbox gateway = open(10, Optional.empty());
        gateway.poll();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 2] = 'X';
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, stamp);

        DeviceInbox.PollResult result = gateway.poll();

        assertThat(result.rejected()).isEmpty();
        assertThat(result.ingested()).isEmpty();
    }

    @Test
    void saysSoWhenNothingHasArrivedYet() throws Exception {
        DeviceInbox gateway = open(10, Optional.empty());
        gateway.poll();

        assertThatThrownBy(gateway::dataset)
                .hasMessage("no device file has been ingested from " + inbox + " yet: nothing to train on");
    }

    @Test
    void refusesAnInboxThatIsNotADirectory() {
        assertThatThrownBy(() -> DeviceInbox.open(
                        inbox.resolve("missing"), work, mapping, new DeviceInbox.Window(10, Optional.empty())))
                .hasMessageContaining("is not a directory");
    }

    private DeviceInbox open(int maxRows, Optional<String> timestamp) throws DataException {
        return DeviceInbox.open(inbox, work, mapping, new DeviceInbox.Window(maxRows, timestamp));
    }

    /** Writes maternal rows [from, to) as a device file whose reading times start at {@code time0}. */
    private Path device(String name, int from, int to, long time0) throws Exception {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = from; i < to; i++) {
            text.append(line(i, time0 + i));
        }
        Path file = inbox.resolve(name + ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1000 * clock++));
        return file;
    }

    private String line(int i, long time) {
        return String.join(",", row(i, time)) + "\n";
    }

    private List<String> row(int i, long time) {
        List<String> fields = new ArrayList<>(List.of("dev", Long.toString(time)));
        fields.addAll(maternal.get(i));
        return fields;
    }

    private int[] labels(int from, int to) {
        List<String> classes = List.of("low risk", "mid risk", "high risk");
        return maternal.subList(from, to).stream()
                .mapToInt(r -> classes.indexOf(r.get(6)))
                .toArray();
    }
}
