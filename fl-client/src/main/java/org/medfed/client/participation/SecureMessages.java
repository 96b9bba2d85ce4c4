package org.medfed.client.participation;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.NeighbourGraph;
import org.medfed.common.secagg.SecureParticipant;
import org.medfed.common.secagg.X25519;

/**
 * What a node sends in each phase of a secure round, computed from its journalled secrets and the ledger's view of
 * the attempt (docs/secure-aggregation.md, "Definitions"). No I/O: {@link SecureRoundParticipant} decides when, this
 * decides what.
 */
final class SecureMessages {
    private SecureMessages() {}

    /** Fresh secrets for one attempt: the mask and share key pairs and the self-mask seed. */
    static SecureState secrets(String taskId, long round, long attempt, String baseModelSha256, SecureRandom random) {
        X25519.KeyMaterial mask = X25519.generate(random);
        X25519.KeyMaterial share = X25519.generate(random);
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return new SecureState(
                taskId,
                round,
                attempt,
                baseModelSha256,
                mask.privateScalar32(),
                mask.publicKey32(),
                share.privateScalar32(),
                share.publicKey32(),
                seed,
                null,
                null,
                null);
    }

    /** The node as a participant of the attempt: its journalled secrets and id. */
    static SecureParticipant participant(SecureState self, String me) {
        return new SecureParticipant(
                self.context(),
                me,
                new X25519.KeyMaterial(self.maskPrivate(), self.maskPublic()),
                new X25519.KeyMaterial(self.sharePrivate(), self.sharePublic()),
                self.seed());
    }

    /** The attempt's neighbour graph over the participants with keys, as the ledger draws it. */
    static NeighbourGraph graph(SecureState self, SecureRoundView view, int neighbours) {
        return NeighbourGraph.of(
                self.context(), self.baseModelSha256(), view.keys().keySet(), neighbours);
    }

    /** The shares phase: one {@link EncryptedShare} per holder (each neighbour and the node itself). */
    static List<EncryptedShare> shares(
            SecureState self, String me, SecureRoundView view, int neighbours, int threshold, SecureRandom random) {
        return participant(self, me).shares(graph(self, view, neighbours), view.keys(), threshold, random);
    }

    /** y_i = x_i + m(b_i) + Σ sgn(i, j)·m(s_ij) mod 2^32 over the neighbours that posted shares. */
    static int[] mask(int[] input, SecureState self, String me, SecureRoundView view, int neighbours) {
        return participant(self, me)
                .mask(
                        input,
                        graph(self, view, neighbours),
                        view.keys(),
                        view.shares().keySet());
    }

    /** What a survivor reveals, and the shares it could not use (see {@link SecureParticipant#reveal}). */
    static SecureParticipant.RevealOutcome reveals(SecureState self, String me, SecureRoundView view, int neighbours) {
        return participant(self, me)
                .reveal(
                        graph(self, view, neighbours),
                        view.keys(),
                        view.shares(),
                        new HashSet<>(view.survivors()),
                        new HashSet<>(view.dropouts()));
    }
}
