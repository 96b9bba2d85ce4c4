package org.medfed.client.participation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

/**
 * A running node's last activity and last problem, in {@code node-status.json} in its work directory, so
 * {@code medfed client status} can answer without the node (or the network). Best effort: a status that cannot be
 * written never stops the node.
 */
public final class NodeStatus {
    static final String FILE = "node-status.json";

    /** What the file says. */
    public record Snapshot(
            Instant startedAt,
            Instant lastActivityAt,
            String lastActivity,
            Instant lastProblemAt,
            String lastProblem) {}

    private final Path file;
    private final Clock clock;
    private final Instant startedAt;
    private Instant lastActivityAt;
    private String lastActivity;
    private Instant lastProblemAt;
    private String lastProblem;

    public NodeStatus(Path workDirectory, Clock clock) {
        this.file = workDirectory.resolve(FILE);
        this.clock = clock;
        this.startedAt = clock.instant();
        read(workDirectory).ifPresent(previous -> {
            lastProblemAt = previous.lastProblemAt();
            lastProblem = previous.lastProblem();
        });
    }

    /** A {@link NodeLog} that records into this status and passes every line on to {@code next}. */
    public NodeLog recording(NodeLog next) {
        return (level, message) -> {
            record(level, message);
            next.log(level, message);
        };
    }

    synchronized void record(NodeLog.Level level, String message) {
        Instant now = clock.instant();
        lastActivityAt = now;
        lastActivity = message;
        if (level == NodeLog.Level.WARN) {
            lastProblemAt = now;
            lastProblem = message;
        }
        Map<String, Object> json = new TreeMap<>();
        json.put("startedAt", startedAt.toString());
        json.put("lastActivityAt", now.toString());
        json.put("lastActivity", lastActivity);
        json.put("lastProblemAt", lastProblemAt == null ? null : lastProblemAt.toString());
        json.put("lastProblem", lastProblem);
        try {
            Path temporary = file.resolveSibling(FILE + ".tmp");
            Files.createDirectories(file.getParent());
            Files.writeString(temporary, CanonicalJson.encode(json), UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Best effort by design: the log line itself still goes out.
        }
    }

    /** The status a node left in {@code workDirectory}, if any. */
    public static Optional<Snapshot> read(Path workDirectory) {
        Path file = workDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> json = JsonFields.object(CanonicalJson.parse(Files.readString(file, UTF_8)));
            return Optional.of(new Snapshot(
                    JsonFields.instant(json, "startedAt"),
                    JsonFields.optionalInstant(json, "lastActivityAt"),
                    JsonFields.optionalString(json, "lastActivity"),
                    JsonFields.optionalInstant(json, "lastProblemAt"),
                    JsonFields.optionalString(json, "lastProblem")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
