package org.medfed.client.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.UpdateSubmission;

/**
 * What Caliper's {@code round:submitUpdate} workload (bench/caliper) submits: the identities it acts as and one
 * valid, distinct submission per (participant, task) for round 1 of each task, whose blobs are already on the
 * submitter's organisation's Kubo node. The format is shared with the workload (design of issue 17), so its field
 * names are fixed:
 * <pre>
 * {"version":1, "engine":"embedded|fabric", "params":P, "tasks":[taskId...],
 *  "identities":[{"name","org","mspId","certPath","keyPath","participantId"}...],
 *  "submissions":[{"identity","taskId","round":1,"update":"&lt;UpdateSubmission as canonical JSON&gt;"}...]}
 * </pre>
 * Submissions go round-robin across identities (task 1's for every identity, then task 2's, …), so a Caliper worker
 * can take them in turn.
 */
record CaliperFixture(
        String engine, int params, List<String> tasks, List<Identity> identities, List<Submission> submissions) {

    static final int VERSION = 1;

    /** An identity a worker acts as: its certificate and key files (absolute paths) and its participant id. */
    record Identity(String name, String org, String mspId, Path certPath, Path keyPath, String participantId) {}

    /** One submission: the identity that submits it and the {@code round:submitUpdate} argument. */
    record Submission(String identity, UpdateSubmission update) {}

    CaliperFixture {
        tasks = List.copyOf(tasks);
        identities = List.copyOf(identities);
        submissions = List.copyOf(submissions);
    }

    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("version", VERSION);
        json.addProperty("engine", engine);
        json.addProperty("params", params);
        JsonArray taskIds = new JsonArray();
        tasks.forEach(taskIds::add);
        json.add("tasks", taskIds);
        JsonArray ids = new JsonArray();
        for (Identity identity : identities) {
            JsonObject o = new JsonObject();
            o.addProperty("name", identity.name());
            o.addProperty("org", identity.org());
            o.addProperty("mspId", identity.mspId());
            o.addProperty("certPath", identity.certPath().toAbsolutePath().toString());
            o.addProperty("keyPath", identity.keyPath().toAbsolutePath().toString());
            o.addProperty("participantId", identity.participantId());
            ids.add(o);
        }
        json.add("identities", ids);
        JsonArray subs = new JsonArray();
        for (Submission submission : submissions) {
            JsonObject o = new JsonObject();
            o.addProperty("identity", submission.identity());
            o.addProperty("taskId", submission.update().taskId());
            o.addProperty("round", submission.update().round());
            o.addProperty("update", CanonicalJson.encode(submission.update().toJson()));
            subs.add(o);
        }
        json.add("submissions", subs);
        return json;
    }

    /** Writes the fixture, whole or not at all (a sibling file renamed into place). */
    void write(Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path scratch = target.resolveSibling(target.getFileName() + ".tmp");
        String text = new GsonBuilder()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .create()
                        .toJson(toJson()) + "\n";
        Files.writeString(scratch, text, StandardCharsets.UTF_8);
        Files.move(scratch, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
