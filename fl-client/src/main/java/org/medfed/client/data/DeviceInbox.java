package org.medfed.client.data;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The data source of a wearable gateway: many devices drop CSV files of readings into one inbox directory (one
 * file per device that grows, or new files that keep arriving); the gateway keeps a bounded window of the newest
 * readings and trains on it as a single participant, however many devices stand behind it.
 *
 * <p>{@link #poll()} looks at every {@code *.csv} file in the inbox or one directory below it (one directory per
 * device, say), oldest modification time first; a file whose size and modification time are as last seen is not
 * read again:
 * <ul>
 *   <li>a file it has not seen is ingested whole;</li>
 *   <li>a file it has seen with the same size and SHA-256 is skipped, so a restart never counts readings twice;</li>
 *   <li>a file that grew and still starts with the bytes already ingested contributes only its new rows (a device
 *       appending to its own file);</li>
 *   <li>a file that changed otherwise is rejected (rename it if it holds new readings), and so is a file whose
 *       header or rows do not fit the mapping; the error names file, line and column. A rejection is reported once,
 *       until the file changes again.</li>
 * </ul>
 * Only complete lines are read (up to the last line break), so a device caught mid-write is read again later.
 * Devices should still write {@code x.csv.part} and rename it to {@code x.csv} when done.
 *
 * <p>The window keeps the newest {@code maxRows} readings: newest by the declared timestamp column (a number, e.g.
 * epoch seconds, or an ISO-8601 instant), arrival order breaking ties, or by arrival order alone. What was ingested
 * and the window itself live in one state file in the work directory, replaced atomically after each poll, so a
 * crash leaves either the old or the new state, never half of one. Not thread-safe: one poller per work directory.
 */
public final class DeviceInbox {

    /** How many readings to keep and how to tell the newest. */
    public record Window(int maxRows, Optional<String> timestampColumn) {
        public Window {
            if (maxRows <= 0) {
                throw new IllegalArgumentException("maxRows must be positive, got " + maxRows);
            }
        }
    }

    /** What one poll did: file names ingested (whole or their new rows), rejected with the reason, rows now kept. */
    public record PollResult(List<String> ingested, Map<String, String> rejected, int addedRows, int windowRows) {}

    public static final String STATE_FILE = "device-inbox-state.json";

    private final Path inbox;
    private final SchemaMapping mapping;
    private final Window window;
    private final InboxState state;

    private DeviceInbox(Path inbox, SchemaMapping mapping, Window window, InboxState state) {
        this.inbox = inbox;
        this.mapping = mapping;
        this.window = window;
        this.state = state;
    }

    /** Opens the inbox, resuming from the state file in {@code workDir} if there is one. */
    public static DeviceInbox open(Path inbox, Path workDir, SchemaMapping mapping, Window window)
            throws DataException {
        if (!Files.isDirectory(inbox)) {
            throw new DataException("device inbox " + inbox + " is not a directory: create it or fix the path");
        }
        return new DeviceInbox(inbox, mapping, window, InboxState.load(workDir.resolve(STATE_FILE)));
    }

    /** Ingests what is new in the inbox and saves the state. */
    public PollResult poll() throws DataException {
        List<String> ingested = new ArrayList<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        int added = 0;
        for (Candidate candidate : candidates()) {
            Path file = candidate.path();
            String name = candidate.name();
            InboxState.Seen seen = state.files().get(name);
            if (seen != null && seen.fileSize() == candidate.size() && seen.modified() == candidate.modified()) {
                continue;
            }
            byte[] bytes = completeLines(file);
            String sha256 = InboxState.sha256(bytes, bytes.length);
            if (seen != null && seen.size() == bytes.length && seen.sha256().equals(sha256)) {
                state.files().put(name, seen.lookedAt(candidate.size(), candidate.modified()));
                continue;
            }
            boolean appended = seen != null
                    && seen.rejected() == null
                    && bytes.length > seen.size()
                    && InboxState.sha256(bytes, (int) seen.size()).equals(seen.sha256());
            if (seen != null && seen.rejected() == null && !appended) {
                String reason = file + " changed after it was ingested; its readings are kept as first read "
                        + "(give new readings a new file name)";
                rejected.put(name, reason);
                state.files().put(name, seen.lookedAt(candidate.size(), candidate.modified()));
                continue;
            }
            long skip = appended ? seen.rows() : 0;
            try {
                List<InboxState.Reading> readings = readings(file, bytes, skip);
                state.add(readings, window);
                state.files()
                        .put(
                                name,
                                new InboxState.Seen(
                                        bytes.length,
                                        sha256,
                                        skip + readings.size(),
                                        null,
                                        candidate.size(),
                                        candidate.modified()));
                ingested.add(name);
                added += readings.size();
            } catch (DataException e) {
                state.files()
                        .put(
                                name,
                                new InboxState.Seen(
                                        bytes.length,
                                        sha256,
                                        0,
                                        e.getMessage(),
                                        candidate.size(),
                                        candidate.modified()));
                rejected.put(name, e.getMessage());
            }
        }
        state.save();
        return new PollResult(
                List.copyOf(ingested),
                Map.copyOf(rejected),
                added,
                state.window().size());
    }

    /** The window, mapped: features, labels and class names as the mapping declares them. */
    public TabularDataset dataset() throws DataException {
        if (state.header().isEmpty()) {
            throw new DataException("no device file has been ingested from " + inbox + " yet: nothing to train on");
        }
        List<CsvTable.Row> rows = new ArrayList<>();
        for (InboxState.Reading r : state.window()) {
            rows.add(new CsvTable.Row(r.line(), r.fields()));
        }
        return mapping.apply(
                new CsvTable("the device window of " + inbox, state.header().get(), rows));
    }

    /** Readings currently kept. */
    public int windowRows() {
        return state.window().size();
    }

    private List<InboxState.Reading> readings(Path file, byte[] bytes, long skip) throws DataException {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DataException(file + ": not UTF-8 text", e);
        }
        CsvTable table = CsvReader.parse(text, file.toString());
        TableMapper.prepare(mapping, table, Optional.empty());
        List<String> header = state.header().orElse(table.header());
        if (!new HashSet<>(header).equals(new HashSet<>(table.header()))) {
            throw new DataException(file + ": header " + table.header() + " differs from the window's " + header
                    + " (every device file must have the same columns, in any order)");
        }
        int[] order =
                header.stream().mapToInt(c -> table.column(c).orElseThrow()).toArray();
        Optional<Integer> timestamp = window.timestampColumn().map(c -> header.indexOf(c));
        if (timestamp.isPresent() && timestamp.get() < 0) {
            throw new DataException(
                    file + ": no timestamp column \"" + window.timestampColumn().get()
                            + "\" (the window orders readings by it; add it to every device file or drop the setting)");
        }
        List<InboxState.Reading> readings = new ArrayList<>();
        for (CsvTable.Row row : table.rows().subList((int) Math.min(skip, table.size()), table.size())) {
            List<String> fields = new ArrayList<>();
            for (int column : order) {
                fields.add(row.get(column));
            }
            double time = 0;
            if (timestamp.isPresent()) {
                time = Timestamps.parse(fields.get(timestamp.get()))
                        .orElseThrow(() -> new DataException(file
                                + ", line " + row.line() + ", column " + (order[timestamp.get()] + 1) + " ("
                                + window.timestampColumn().get()
                                + "): not a timestamp (a number such as epoch seconds, or an "
                                + "ISO-8601 instant such as 2026-11-28T07:00:00Z)"));
            }
            readings.add(
                    new InboxState.Reading(0, time, inbox.relativize(file) + ":" + row.line(), row.line(), fields));
        }
        if (state.header().isEmpty()) {
            state.header(header);
        }
        return readings;
    }

    /** A device file as listed: {@code name} is its path below the inbox, with '/' separators. */
    private record Candidate(Path path, String name, long size, long modified) {}

    private List<Candidate> candidates() throws DataException {
        List<Candidate> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(inbox, 2)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                String name = inbox.relativize(file).toString().replace(File.separatorChar, '/');
                if (name.endsWith(".csv")
                        && !file.getFileName().toString().startsWith(".")
                        && Files.isRegularFile(file)) {
                    files.add(new Candidate(
                            file,
                            name,
                            Files.size(file),
                            Files.getLastModifiedTime(file).toMillis()));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new DataException("cannot list device inbox " + inbox + ": " + e, e);
        }
        files.sort(Comparator.comparingLong(Candidate::modified).thenComparing(Candidate::name));
        return files;
    }

    private static byte[] completeLines(Path file) throws DataException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n' && bytes[end - 1] != '\r') {
                end--;
            }
            return Arrays.copyOf(bytes, end);
        } catch (IOException e) {
            throw new DataException("cannot read device file " + file + ": " + e, e);
        }
    }
}
