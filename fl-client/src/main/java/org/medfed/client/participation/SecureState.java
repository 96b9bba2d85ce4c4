package org.medfed.client.participation;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.RoundContext;

/**
 * This node's part of one attempt of a secure round, as journalled by {@link SecureJournal}: its two X25519 key
 * pairs and its self-mask seed (secrets: they leave this machine only as Shamir shares), then, as the attempt goes
 * on, the share bundle it posts and the masked input it submits. Each is journalled before it is sent, so a restarted
 * node sends exactly the same again and never a second, different masked input for one attempt. {@code satOut}
 * says why the node takes no further part (a missed phase, a refusal); it is final for the attempt.
 */
public record SecureState(
        String taskId,
        long round,
        long attempt,
        String baseModelSha256,
        byte[] maskPrivate,
        byte[] maskPublic,
        byte[] sharePrivate,
        byte[] sharePublic,
        byte[] seed,
        List<EncryptedShare> shares,
        UpdateSubmission submission,
        String satOut) {

    public SecureState {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(baseModelSha256, "baseModelSha256");
        for (byte[] secret : List.of(maskPrivate, maskPublic, sharePrivate, sharePublic, seed)) {
            if (secret.length != 32) {
                throw new IllegalArgumentException("keys and seed are 32 bytes");
            }
        }
        shares = shares == null ? null : List.copyOf(shares);
    }

    public boolean isFor(long otherRound, long otherAttempt) {
        return round == otherRound && attempt == otherAttempt;
    }

    public RoundContext context() {
        return new RoundContext(taskId, round, attempt);
    }

    public String maskKey() {
        return Base64.getEncoder().encodeToString(maskPublic);
    }

    public String shareKey() {
        return Base64.getEncoder().encodeToString(sharePublic);
    }

    SecureState withShares(List<EncryptedShare> posted) {
        return new SecureState(
                taskId,
                round,
                attempt,
                baseModelSha256,
                maskPrivate,
                maskPublic,
                sharePrivate,
                sharePublic,
                seed,
                posted,
                submission,
                satOut);
    }

    SecureState withSubmission(UpdateSubmission masked) {
        return new SecureState(
                taskId,
                round,
                attempt,
                baseModelSha256,
                maskPrivate,
                maskPublic,
                sharePrivate,
                sharePublic,
                seed,
                shares,
                masked,
                satOut);
    }

    SecureState sittingOut(String why) {
        return new SecureState(
                taskId,
                round,
                attempt,
                baseModelSha256,
                maskPrivate,
                maskPublic,
                sharePrivate,
                sharePublic,
                seed,
                shares,
                submission,
                why);
    }

    /** Never the secrets: this may end up in a log line or an assertion message. */
    @Override
    public String toString() {
        return "SecureState[" + taskId + " round " + round + " attempt " + attempt + (shares == null ? "" : ", shares")
                + (submission == null ? "" : ", masked input " + submission.cid())
                + (satOut == null ? "" : ", sat out: " + satOut) + "]";
    }

    Map<String, Object> toJson() {
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("round", round);
        json.put("attempt", attempt);
        json.put("baseModelSha256", baseModelSha256);
        json.put("maskPrivate", base64.encodeToString(maskPrivate));
        json.put("maskPublic", base64.encodeToString(maskPublic));
        json.put("sharePrivate", base64.encodeToString(sharePrivate));
        json.put("sharePublic", base64.encodeToString(sharePublic));
        json.put("seed", base64.encodeToString(seed));
        json.put(
                "shares",
                shares == null
                        ? null
                        : shares.stream().map(EncryptedShare::toJson).toList());
        json.put("submission", submission == null ? null : submission.toJson());
        json.put("satOut", satOut);
        return json;
    }

    static SecureState fromJson(Map<String, Object> json) {
        Base64.Decoder base64 = Base64.getDecoder();
        Map<String, Object> submission = JsonFields.optionalObject(json, "submission");
        return new SecureState(
                JsonFields.string(json, "taskId"),
                JsonFields.integer(json, "round"),
                JsonFields.integer(json, "attempt"),
                JsonFields.string(json, "baseModelSha256"),
                base64.decode(JsonFields.string(json, "maskPrivate")),
                base64.decode(JsonFields.string(json, "maskPublic")),
                base64.decode(JsonFields.string(json, "sharePrivate")),
                base64.decode(JsonFields.string(json, "sharePublic")),
                base64.decode(JsonFields.string(json, "seed")),
                json.get("shares") == null
                        ? null
                        : JsonFields.objects(json, "shares").stream()
                                .map(EncryptedShare::fromJson)
                                .toList(),
                submission == null ? null : UpdateSubmission.fromJson(submission),
                JsonFields.optionalString(json, "satOut"));
    }
}
