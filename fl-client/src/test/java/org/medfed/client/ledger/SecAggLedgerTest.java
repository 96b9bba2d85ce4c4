package org.medfed.client.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.ContentRef;
import org.medfed.common.round.RoundState;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.ShareBundle;
import org.medfed.common.secagg.ShareKind;

/** The secagg facade sends the wire forms of docs/secure-aggregation.md and reads getSecureRound's answer. */
class SecAggLedgerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String KEY = "A".repeat(43) + "=";

    /** Answers every call with {@code answer} and records "intent tx args". */
    private static final class Fake implements LedgerClient {
        final List<String> calls = new ArrayList<>();
        final String answer;

        Fake(String answer) {
            this.answer = answer;
        }

        @Override
        public byte[] evaluate(String transaction, String... args) {
            calls.add("evaluate " + transaction + " " + List.of(args));
            return answer.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] submit(String transaction, String... args) {
            calls.add("submit " + transaction + " " + List.of(args));
            return answer.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {}
    }

    @Test
    void postSharesSendsOneShareListAsCanonicalJson() throws Exception {
        EncryptedShare share = new EncryptedShare(B, "AAAA", "1".repeat(64), "2".repeat(64));
        ShareBundle stored = new ShareBundle("t", 1, 1, A, List.of(share), T0, "tx");
        Fake fake = new Fake(CanonicalJson.encode(stored.toJson()));

        Reply<ShareBundle> reply = new SecAggLedger(fake).postShares("t", 1, List.of(share));

        assertThat(fake.calls)
                .containsExactly("submit secagg:postShares [t, 1, {\"shares\":[{\"ciphertext\":\"AAAA\","
                        + "\"keyCommitment\":\"" + "2".repeat(64) + "\",\"seedCommitment\":\"" + "1".repeat(64)
                        + "\",\"to\":\"" + B + "\"}]}]");
        assertThat(reply.value()).isEqualTo(stored);
    }

    @Test
    void revealSharesSendsOwnerKindAndShare() throws Exception {
        RevealedShare share = new RevealedShare(B, ShareKind.KEY, "0".repeat(132));
        Fake fake = new Fake(CanonicalJson.encode(
                new org.medfed.common.secagg.Reveal("t", 1, 1, A, List.of(share), T0, "tx").toJson()));

        new SecAggLedger(fake).revealShares("t", 1, List.of(share));

        assertThat(fake.calls)
                .containsExactly("submit secagg:revealShares [t, 1, {\"shares\":[{\"kind\":\"key\",\"owner\":\"" + B
                        + "\",\"share\":\"" + "0".repeat(132) + "\"}]}]");
    }

    @Test
    void theSecureRoundIsReadWithItsRecordsListedAsTheChaincodeAnswers() throws Exception {
        RoundState round = RoundState.open("t", 1, new ContentRef("bafkreiabcdefgh", A), T0, 600);
        Map<String, Object> json = new TreeMap<>();
        json.put("round", round.toJson());
        json.put("phase", "shares");
        json.put(
                "phases",
                Map.of(
                        "keysEnd",
                        "2026-03-01T09:01:00Z",
                        "sharesEnd",
                        "2026-03-01T09:02:00Z",
                        "inputEnd",
                        "2026-03-01T09:10:00Z"));
        json.put("keys", List.of(new RoundKeys("t", 1, 1, A, KEY, KEY, T0, "tx").toJson()));
        json.put("neighbours", Map.of(A, List.of()));
        json.put("shares", List.of());
        json.put("survivors", List.of());
        json.put("dropouts", List.of());
        json.put("reveals", List.of());
        json.put("missing", Map.of("keys", List.of(B), "shares", List.of(A)));
        Fake fake = new Fake(CanonicalJson.encode(json));

        SecureRoundView view = new SecAggLedger(fake).secureRound("t", 1).value();

        assertThat(fake.calls).containsExactly("evaluate secagg:getSecureRound [t, 1]");
        assertThat(view.keys()).containsOnlyKeys(A);
        assertThat(view.missingIn("keys")).containsExactly(B);
        assertThat(view.missingIn("reveal")).isEmpty();
        assertThat(view.unmaskEnd()).isEmpty();
        assertThat(view.phases().sharesEnd()).isEqualTo(Instant.parse("2026-03-01T09:02:00Z"));
    }
}
