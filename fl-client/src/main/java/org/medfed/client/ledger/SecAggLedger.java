package org.medfed.client.ledger;

import java.util.List;
import java.util.Map;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.protocol.TxNames;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.Reveal;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.ShareBundle;

/**
 * The {@code secagg} contract (docs/secure-aggregation.md): the three phase transactions of a secure round, each
 * answered with the record it stored, and the read of the round's current attempt.
 */
public final class SecAggLedger {

    private final LedgerCalls calls;

    public SecAggLedger(LedgerClient client) {
        this.calls = new LedgerCalls(client);
    }

    public Reply<SecureRoundView> secureRound(String taskId, long round) throws MedfedException {
        return calls.evaluate(SecureRoundView::fromJson, TxNames.SECAGG_GET_SECURE_ROUND, taskId, Long.toString(round));
    }

    /** {@code secagg:postKeys}: the caller's mask and share public keys, base64 of 32 bytes each. */
    public Reply<RoundKeys> postKeys(String taskId, long round, String maskKey, String shareKey)
            throws MedfedException {
        return calls.submit(
                RoundKeys::fromJson, TxNames.SECAGG_POST_KEYS, taskId, Long.toString(round), maskKey, shareKey);
    }

    /** {@code secagg:postShares}: one encrypted share pair per neighbour. */
    public Reply<ShareBundle> postShares(String taskId, long round, List<EncryptedShare> shares)
            throws MedfedException {
        return calls.submit(
                ShareBundle::fromJson, TxNames.SECAGG_POST_SHARES, taskId, Long.toString(round), request(shares));
    }

    /** {@code secagg:revealShares}: the survivor's shares in clear, one per owner. */
    public Reply<Reveal> revealShares(String taskId, long round, List<RevealedShare> shares) throws MedfedException {
        return calls.submit(
                Reveal::fromJson, TxNames.SECAGG_REVEAL_SHARES, taskId, Long.toString(round), request(shares));
    }

    private static String request(List<? extends JsonRecord> shares) {
        return CanonicalJson.encode(
                Map.of("shares", shares.stream().map(JsonRecord::toJson).toList()));
    }
}
