package org.medfed.client.access;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.client.access.TrustedCas.Requester;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

/**
 * The data holder's own record of every release: one canonical JSON object per line, appended and forced to disk
 * before the records are sent, after the release committed on the ledger. An auditor compares it with the ledger's
 * releases ({@code medfed access audit}): each line names the ledger's release id and the hash of what was sent.
 */
public final class ReleaseLog {

    /** One release as the holder saw it. */
    public record Entry(
            String releaseId,
            String decisionId,
            Requester requester,
            String patientRef,
            String scope,
            String recordsSha256,
            Instant releasedAt) {

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("releaseId", releaseId);
            json.put("decisionId", decisionId);
            json.put("requesterId", requester.participantId());
            json.put("requesterMspId", requester.mspId());
            json.put("requesterSubject", requester.subject());
            json.put("patientRef", patientRef);
            json.put("scope", scope);
            json.put("recordsSha256", recordsSha256);
            json.put("releasedAt", releasedAt.toString());
            return json;
        }

        public static Entry fromJson(Map<String, Object> json) {
            JsonFields.requireOnly(
                    json,
                    "releaseId",
                    "decisionId",
                    "requesterId",
                    "requesterMspId",
                    "requesterSubject",
                    "patientRef",
                    "scope",
                    "recordsSha256",
                    "releasedAt");
            return new Entry(
                    JsonFields.string(json, "releaseId"),
                    JsonFields.string(json, "decisionId"),
                    new Requester(
                            JsonFields.string(json, "requesterMspId"),
                            JsonFields.string(json, "requesterSubject"),
                            JsonFields.string(json, "requesterId")),
                    JsonFields.string(json, "patientRef"),
                    JsonFields.string(json, "scope"),
                    JsonFields.string(json, "recordsSha256"),
                    JsonFields.instant(json, "releasedAt"));
        }
    }

    private final Path file;

    public ReleaseLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void append(Entry entry) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(UTF_8.encode(CanonicalJson.encode(entry.toJson()) + "\n"));
            channel.force(true);
        }
    }

    /** Every entry, oldest first; none when the file does not exist yet. */
    public synchronized List<Entry> read() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        int line = 0;
        for (String text : Files.readAllLines(file, UTF_8)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                entries.add(Entry.fromJson(JsonFields.object(CanonicalJson.parse(text))));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ", line " + line + ": not a release entry (" + e.getMessage() + ")", e);
            }
        }
        return entries;
    }
}
