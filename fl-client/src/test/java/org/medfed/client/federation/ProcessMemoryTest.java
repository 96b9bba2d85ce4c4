package org.medfed.client.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {

    @TempDir
    Path dir;

    @Test
    void readsThePeakFromTheStatusFile() throws Exception {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  204800 kB\n");

        assertThat(ProcessMemory.peakRssKiB(status)).hasValue(204_800);
    }

    @Test
    void aProcessThatIsGoneHasNoPeak() {
        assertThat(ProcessMemory.peakRssKiB(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void resettingThePeakBringsItDownToWhatIsResidentNow() throws Exception {
        long self = ProcessHandle.current().pid();
        // Our machines are Linux (bench round's peaks come from /proc): no /proc is a failure, not a skip.
        Path status = Path.of("/proc", Long.toString(self), "status");
        assertThat(status).isRegularFile();

        boolean reset = ProcessMemory.resetPeak(self);
        long peak = ProcessMemory.peakRssKiB(self).orElseThrow();
        long resident = residentKiB(status);

        assertThat(reset).isTrue();
        // Right after a reset the peak is what is resident (give or take what the JVM touched in between), not
        // the test JVM's lifetime high-water mark.
        assertThat(peak).isLessThanOrEqualTo(resident + 16 * 1024);
    }

    private static long residentKiB(Path status) throws Exception {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no VmRSS in " + status);
    }

    @Test
    void aProcessThatIsGoneCannotBeReset() {
        assertThat(ProcessMemory.resetPeak(Long.MAX_VALUE)).isFalse();
    }
}
