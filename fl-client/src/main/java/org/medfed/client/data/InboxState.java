package org.medfed.client.data;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medfed.common.codec.CanonicalJson;

/** What a {@link DeviceInbox} has ingested and the window it keeps, saved as one JSON file. */
final class InboxState {

    /**
     * A file as last ingested: its complete-line prefix length and hash, rows taken, or why it was rejected; and its
     * size and modification time on disk when last looked at, to skip reading it while neither changes.
     */
    record Seen(long size, String sha256, long rows, String rejected, long fileSize, long modified) {
        Seen lookedAt(long newFileSize, long newModified) {
            return new Seen(size, sha256, rows, rejected, newFileSize, newModified);
        }
    }

    /** One kept reading; {@code seq} is its arrival number, {@code origin} is "file:line". */
    record Reading(long seq, double time, String origin, long line, List<String> fields) {}

    private static final Comparator<Reading> NEWEST_LAST =
            Comparator.comparingDouble(Reading::time).thenComparingLong(Reading::seq);

    private final Path file;
    private final Map<String, Seen> files = new LinkedHashMap<>();
    private List<String> header;
    private List<Reading> window = new ArrayList<>();
    private long nextSeq;

    private InboxState(Path file) {
        this.file = file;
    }

    static InboxState load(Path file) throws DataException {
        InboxState state = new InboxState(file);
        if (!Files.exists(file)) {
            return state;
        }
        try {
            Map<?, ?> json = (Map<?, ?>) CanonicalJson.parse(Files.readString(file, StandardCharsets.UTF_8));
            ((Map<?, ?>) json.get("files")).forEach((name, v) -> {
                Map<?, ?> seen = (Map<?, ?>) v;
                state.files.put(
                        (String) name,
                        new Seen(
                                (Long) seen.get("size"),
                                (String) seen.get("sha256"),
                                (Long) seen.get("rows"),
                                (String) seen.get("rejected"),
                                (Long) seen.get("fileSize"),
                                (Long) seen.get("modified")));
            });
            state.header = json.get("header") == null ? null : strings(json.get("header"));
            state.nextSeq = (Long) json.get("nextSeq");
            for (Object o : (List<?>) json.get("window")) {
                Map<?, ?> r = (Map<?, ?>) o;
                state.window.add(new Reading(
                        (Long) r.get("seq"),
                        new BigDecimal(r.get("time").toString()).doubleValue(),
                        (String) r.get("origin"),
                        (Long) r.get("line"),
                        strings(r.get("fields"))));
            }
            return state;
        } catch (IOException | RuntimeException e) {
            throw new DataException(
                    "cannot read the device inbox state " + file + " (" + e
                            + "); move it away to start over, which ingests every file in the inbox again",
                    e);
        }
    }

    Map<String, Seen> files() {
        return files;
    }

    Optional<List<String>> header() {
        return Optional.ofNullable(header);
    }

    void header(List<String> header) {
        this.header = List.copyOf(header);
    }

    List<Reading> window() {
        return window;
    }

    /** Adds readings in arrival order and keeps the newest {@code maxRows}. */
    void add(List<Reading> readings, DeviceInbox.Window bounds) {
        for (Reading r : readings) {
            window.add(new Reading(nextSeq++, r.time(), r.origin(), r.line(), r.fields()));
        }
        if (window.size() > bounds.maxRows()) {
            window.sort(NEWEST_LAST);
            window = new ArrayList<>(window.subList(window.size() - bounds.maxRows(), window.size()));
        }
        window.sort(Comparator.comparingLong(Reading::seq));
    }

    void save() throws DataException {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> seen = new LinkedHashMap<>();
        files.forEach((name, s) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("size", s.size());
            entry.put("sha256", s.sha256());
            entry.put("rows", s.rows());
            entry.put("fileSize", s.fileSize());
            entry.put("modified", s.modified());
            if (s.rejected() != null) {
                entry.put("rejected", s.rejected());
            }
            seen.put(name, entry);
        });
        json.put("files", seen);
        json.put("header", header);
        json.put("nextSeq", nextSeq);
        List<Object> rows = new ArrayList<>();
        for (Reading r : window) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seq", r.seq());
            row.put("time", CanonicalJson.decimal(r.time()));
            row.put("origin", r.origin());
            row.put("line", r.line());
            row.put("fields", r.fields());
            rows.add(row);
        }
        json.put("window", rows);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, CanonicalJson.encodeUtf8(json));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DataException("cannot save the device inbox state " + file + ": " + e, e);
        }
    }

    static String sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add((String) o);
        }
        return out;
    }
}
