package org.medfed.client.participation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

/**
 * The node's memory across restarts, in its work directory: {@code participation.json} holds each task's latest
 * entry (replaced atomically: write a temporary file, force it to disk, rename), and {@code participation-log.jsonl}
 * appends every entry ever written, the trail an auditor reads (which update went to which round, with which DP
 * parameters). A crash leaves either the old or the new state, never a torn file. The log line is written (and
 * forced to disk) first, so a crash between the two leaves the log one entry ahead: opening the journal takes each
 * task's last logged entry as its latest, and a node killed right after journalling an upload submits that upload
 * rather than training the round again.
 */
public final class ParticipationJournal {
    static final String STATE_FILE = "participation.json";
    static final String LOG_FILE = "participation-log.jsonl";

    private final Path state;
    private final Path log;
    private final Map<String, JournalEntry> latest = new TreeMap<>();

    private ParticipationJournal(Path directory) {
        this.state = directory.resolve(STATE_FILE);
        this.log = directory.resolve(LOG_FILE);
    }

    /** Opens (or starts) the journal in {@code directory}, creating the directory if needed. */
    public static ParticipationJournal open(Path directory) throws IOException {
        Files.createDirectories(directory);
        ParticipationJournal journal = new ParticipationJournal(directory);
        if (Files.exists(journal.state)) {
            try {
                Map<String, Object> json =
                        JsonFields.object(CanonicalJson.parse(Files.readString(journal.state, UTF_8)));
                for (Map<String, Object> entry : JsonFields.objects(json, "tasks")) {
                    JournalEntry parsed = JournalEntry.fromJson(entry);
                    journal.latest.put(parsed.taskId(), parsed);
                }
            } catch (RuntimeException e) {
                throw new IOException(
                        journal.state + " is not a valid participation journal (" + e.getMessage()
                                + "); move it aside to start afresh, but check " + LOG_FILE + " first: it lists every"
                                + " update this node has submitted",
                        e);
            }
        }
        journal.catchUpWithLog();
        return journal;
    }

    /**
     * Each task's last entry in the log, when it is not older than the state file's: the log may be one entry ahead.
     * A line torn by a crash mid-append is skipped (record() had not returned, so nothing was done on its strength);
     * the next entry may land on the same line, but the state file has that one.
     */
    private void catchUpWithLog() throws IOException {
        if (!Files.exists(log)) {
            return;
        }
        Map<String, JournalEntry> logged = new TreeMap<>();
        for (String line : Files.readAllLines(log, UTF_8)) {
            try {
                JournalEntry entry = JournalEntry.fromJson(JsonFields.object(CanonicalJson.parse(line)));
                logged.put(entry.taskId(), entry);
            } catch (RuntimeException torn) {
                // skipped, as above
            }
        }
        logged.forEach((task, entry) -> {
            JournalEntry state = latest.get(task);
            if (state == null || !entry.at().isBefore(state.at())) {
                latest.put(task, entry);
            }
        });
    }

    public synchronized Optional<JournalEntry> latest(String taskId) {
        return Optional.ofNullable(latest.get(taskId));
    }

    public synchronized List<JournalEntry> all() {
        return List.copyOf(latest.values());
    }

    /** Records {@code entry} as its task's latest, durably, and appends it to the log. */
    public synchronized void record(JournalEntry entry) {
        latest.put(entry.taskId(), entry);
        List<Object> tasks = new ArrayList<>();
        latest.values().forEach(e -> tasks.add(e.toJson()));
        try {
            Files.writeString(
                    log,
                    CanonicalJson.encode(entry.toJson()) + "\n",
                    UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
            writeAtomically(state, CanonicalJson.encode(Map.of("tasks", tasks)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the participation journal in " + state.getParent(), e);
        }
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, text, UTF_8);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
