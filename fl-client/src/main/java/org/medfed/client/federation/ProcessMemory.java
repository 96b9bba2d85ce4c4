package org.medfed.client.federation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A process's peak resident memory as Linux reports it (VmHWM in /proc/PID/status); empty where it cannot be read. */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** The peak resident set of process {@code pid} since it started, in KiB. */
    public static OptionalLong peakRssKiB(long pid) {
        return peakRssKiB(Path.of("/proc", Long.toString(pid), "status"));
    }

    /**
     * Resets the peak resident set of process {@code pid} to its current resident set (Linux: "5" written to
     * /proc/PID/clear_refs), so a later {@link #peakRssKiB} covers only what happened since; false if not allowed.
     */
    public static boolean resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5", UTF_8);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** VmHWM of a {@code /proc/PID/status} file, in KiB. */
    public static OptionalLong peakRssKiB(Path status) {
        try {
            for (String line : Files.readAllLines(status, UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not ours to read
        }
        return OptionalLong.empty();
    }
}
