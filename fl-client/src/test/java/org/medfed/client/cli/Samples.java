package org.medfed.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.Participant;
import org.medfed.common.model.ParticipantIds;
import org.medfed.common.model.Role;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.round.RoundState;

/** Ledger records as the chaincode writes them, built with fl-common, for canned answers. */
final class Samples {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final String ADMIN = ParticipantIds.of("HospitalMSP", "CN=Admin@hospital,OU=admin,O=Hospital");
    static final String EXAMPLE_SPEC = "/examples/task-spec.json";

    private Samples() {}

    static String json(JsonRecord record) {
        return CanonicalJson.encode(record.toJson());
    }

    static String json(Map<String, Object> map) {
        return CanonicalJson.encode(map);
    }

    static Participant participant(String cn, Role role) {
        return Participant.register("HospitalMSP", "CN=" + cn + ",OU=client,O=Hospital", role, cn + " ward", T0, ADMIN);
    }

    static DatasetDescription dataset(String id, String owner) {
        return new DatasetDescription(
                id,
                owner,
                sha("schema"),
                569,
                sha("content " + id),
                "sepsis research",
                "broad consent",
                "CC BY 4.0",
                T0);
    }

    static String exampleSpecText() throws IOException {
        try (InputStream in = Objects.requireNonNull(Samples.class.getResourceAsStream(EXAMPLE_SPEC))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static TaskSpec exampleSpec() throws IOException {
        return TaskSpec.fromJson(JsonFields.object(CanonicalJson.parse(exampleSpecText())));
    }

    static Task task() throws IOException {
        return Task.create(exampleSpec(), T0, ADMIN);
    }

    static RoundState openRound(Task task) {
        return RoundState.open(
                task.id(),
                task.currentRound(),
                task.globalModel(),
                T0,
                task.spec().roundDurationSeconds());
    }

    static ContentRef ref(String label) {
        return new ContentRef(Cids.rawLeafCidV1FromSha256Hex(sha(label)), sha(label));
    }

    static String sha(String label) {
        return Hashing.sha256Hex(label.getBytes(StandardCharsets.UTF_8));
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    static List<String> ids(String... labels) {
        return java.util.Arrays.stream(labels).map(Samples::sha).sorted().toList();
    }
}
