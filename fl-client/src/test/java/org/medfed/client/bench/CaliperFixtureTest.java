package org.medfed.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateSubmission;

class CaliperFixtureTest {

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked") // a JSON object parses to a map of its fields
    private static java.util.Map<String, Object> object(Object json) {
        return (java.util.Map<String, Object>) json;
    }

    private static ContentRef ref(byte[] blob) {
        return new ContentRef(Cids.rawLeafCidV1(blob), Hashing.sha256Hex(blob));
    }

    private static CaliperFixture fixture(Path dir) {
        List<CaliperFixture.Identity> identities = List.of(
                new CaliperFixture.Identity(
                        "bench-hospital-001",
                        "Hospital",
                        "HospitalMSP",
                        dir.resolve("h/cert.pem"),
                        dir.resolve("h/key.pem"),
                        Hashing.sha256Hex(new byte[] {1})),
                new CaliperFixture.Identity(
                        "bench-clinic-001",
                        "Clinic",
                        "ClinicMSP",
                        dir.resolve("c/cert.pem"),
                        dir.resolve("c/key.pem"),
                        Hashing.sha256Hex(new byte[] {2})));
        List<String> taskIds = List.of("bench-t1", "bench-t2");
        List<CaliperFixture.Submission> submissions = new ArrayList<>();
        ContentRef initial = ref(new byte[40]);
        for (String taskId : taskIds) {
            TaskSpec task = BenchTask.spec(
                    taskId,
                    10,
                    initial,
                    1,
                    86_400,
                    true,
                    identities.stream()
                            .map(CaliperFixture.Identity::participantId)
                            .toList(),
                    List.of("bench-clinic-001", "bench-hospital-001"));
            for (CaliperFixture.Identity identity : identities) {
                byte[] blob = BenchTask.update(42, taskId, 1, submissions.size(), new float[10]);
                submissions.add(new CaliperFixture.Submission(
                        identity.name(), BenchTask.submission(task, 1, identity.name(), ref(blob), initial.sha256())));
            }
        }
        return new CaliperFixture("embedded", 10, taskIds, identities, submissions);
    }

    @Test
    void hasExactlyTheSharedFormatsFields() throws Exception {
        Path file = dir.resolve("out/fixture.json");
        fixture(dir).write(file);

        JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertThat(json.keySet()).containsExactly("version", "engine", "params", "tasks", "identities", "submissions");
        assertThat(json.get("version").getAsInt()).isEqualTo(1);
        assertThat(json.get("engine").getAsString()).isEqualTo("embedded");
        assertThat(json.get("params").getAsInt()).isEqualTo(10);
        assertThat(json.getAsJsonArray("tasks").toString()).isEqualTo("[\"bench-t1\",\"bench-t2\"]");

        JsonObject identity = json.getAsJsonArray("identities").get(0).getAsJsonObject();
        assertThat(identity.keySet()).containsExactly("name", "org", "mspId", "certPath", "keyPath", "participantId");
        assertThat(identity.get("name").getAsString()).isEqualTo("bench-hospital-001");
        assertThat(identity.get("org").getAsString()).isEqualTo("Hospital");
        assertThat(identity.get("mspId").getAsString()).isEqualTo("HospitalMSP");
        assertThat(Path.of(identity.get("certPath").getAsString())).isAbsolute();
        assertThat(Path.of(identity.get("keyPath").getAsString())).isAbsolute();

        JsonArray submissions = json.getAsJsonArray("submissions");
        assertThat(submissions).hasSize(4);
        JsonObject first = submissions.get(0).getAsJsonObject();
        assertThat(first.keySet()).containsExactly("identity", "taskId", "round", "update");
        assertThat(first.get("round").getAsLong()).isEqualTo(1);
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void eachUpdateIsTheCanonicalJsonOfASubmissionForItsTaskAndRound() throws Exception {
        CaliperFixture fixture = fixture(dir);
        JsonArray submissions = fixture.toJson().getAsJsonArray("submissions");

        for (int i = 0; i < submissions.size(); i++) {
            JsonObject submission = submissions.get(i).getAsJsonObject();
            String update = submission.get("update").getAsString();
            UpdateSubmission parsed = UpdateSubmission.fromJson(object(CanonicalJson.parse(update)));
            assertThat(parsed).isEqualTo(fixture.submissions().get(i).update());
            assertThat(CanonicalJson.encode(parsed.toJson())).isEqualTo(update);
            assertThat(parsed.taskId()).isEqualTo(submission.get("taskId").getAsString());
            assertThat(parsed.round()).isEqualTo(submission.get("round").getAsLong());
        }
    }

    @Test
    void submissionsGoRoundRobinAcrossIdentitiesAndAreDistinct() {
        JsonArray submissions = fixture(dir).toJson().getAsJsonArray("submissions");
        List<String> order = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (var s : submissions) {
            JsonObject o = s.getAsJsonObject();
            order.add(o.get("identity").getAsString());
            keys.add(o.get("identity").getAsString() + "|" + o.get("taskId").getAsString() + "|"
                    + o.get("round").getAsLong());
        }

        assertThat(order)
                .containsExactly("bench-hospital-001", "bench-clinic-001", "bench-hospital-001", "bench-clinic-001");
        assertThat(keys).doesNotHaveDuplicates();
    }
}
