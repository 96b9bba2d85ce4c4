package org.medfed.client.federation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a federation cost on the real network, measured after the run: each node's per-round phase times (from the
 * {@code ms {download=…, train=…, upload=…, submit=…}} its log prints, and in a secure round the {@code keys},
 * {@code shares} and {@code reveal} of the steps that posted them), and the peak resident memory (VmHWM) of every
 * process the network scripts and the demo started, found by their {@code MEDFED_PROCESS} tag. Best effort: what
 * cannot be read is left out, never guessed.
 */
public final class FederationCosts {
    /** A step that sent something: an update or masked input, or a secure round's keys, shares or reveal. */
    private static final Pattern TIMINGS =
            Pattern.compile(" round (\\d+): (?:SUBMITTED|KEYS_POSTED|SHARES_POSTED|REVEALED) .*; ms \\{(.*)}");

    /** Median over the nodes of each phase, per round, in milliseconds. */
    public record PhaseTimes(long round, Map<String, Long> medianMillis) {}

    public record Costs(List<PhaseTimes> phases, Map<String, Long> peakRssKiB) {}

    private FederationCosts() {}

    public static Costs measure(List<Path> nodeLogs, String taskId) {
        Map<Long, Map<String, List<Long>>> byRound = new TreeMap<>();
        for (Path log : nodeLogs) {
            try (Stream<String> lines = Files.lines(log, UTF_8)) {
                lines.filter(line -> line.contains(taskId)).forEach(line -> {
                    Matcher m = TIMINGS.matcher(line);
                    if (m.find()) {
                        Map<String, List<Long>> phases =
                                byRound.computeIfAbsent(Long.parseLong(m.group(1)), k -> new TreeMap<>());
                        for (String pair : m.group(2).split(",\\s*")) {
                            String[] kv = pair.split("=");
                            phases.computeIfAbsent(kv[0], k -> new ArrayList<>())
                                    .add(Long.parseLong(kv[1].trim()));
                        }
                    }
                });
            } catch (IOException | RuntimeException e) {
                // a missing or unreadable log only leaves its node out
            }
        }
        List<PhaseTimes> phases = new ArrayList<>();
        byRound.forEach((round, values) -> {
            Map<String, Long> medians = new TreeMap<>();
            values.forEach((phase, millis) -> medians.put(phase, median(millis)));
            phases.add(new PhaseTimes(round, medians));
        });
        return new Costs(phases, peakRss());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** VmHWM of every live process tagged MEDFED_PROCESS=name (Linux /proc; empty elsewhere). */
    static Map<String, Long> peakRss() {
        Map<String, Long> peaks = new TreeMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> {
                        try {
                            String environ = new String(Files.readAllBytes(p.resolve("environ")), UTF_8);
                            for (String variable : environ.split("\0")) {
                                if (variable.startsWith("MEDFED_PROCESS=")) {
                                    String name = variable.substring("MEDFED_PROCESS=".length());
                                    ProcessMemory.peakRssKiB(p.resolve("status"))
                                            .ifPresent(kib -> peaks.merge(name, kib, Math::max));
                                }
                            }
                        } catch (IOException | RuntimeException e) {
                            // gone, or not ours to read
                        }
                    });
        } catch (IOException e) {
            return peaks;
        }
        return peaks;
    }
}
