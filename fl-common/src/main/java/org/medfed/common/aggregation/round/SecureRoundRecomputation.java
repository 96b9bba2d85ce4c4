package org.medfed.common.aggregation.round;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medfed.common.aggregation.AggregationException;
import org.medfed.common.aggregation.AggregationResult;
import org.medfed.common.aggregation.AggregationStrategy;
import org.medfed.common.aggregation.ServerOptimizerState;
import org.medfed.common.aggregation.WeightedUpdate;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.InvalidVectorException;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.secagg.MaskedVectorCodec;
import org.medfed.common.secagg.NeighbourGraph;
import org.medfed.common.secagg.Reveal;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.RoundContext;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.SecAggException;
import org.medfed.common.secagg.SecureStep;
import org.medfed.common.secagg.SecureSum;
import org.medfed.common.secagg.Shamir;
import org.medfed.common.secagg.ShareKind;
import org.medfed.common.secagg.X25519;

/**
 * The aggregate of a secure round (docs/secure-aggregation.md, "Unmasking" and "The DP step"): reconstruct each
 * survivor's self-mask seed and each dropout's mask key from the revealed shares, add the masked inputs one at a
 * time (memory O(P)), remove the masks, read the sum as signed integers, take the DP step Δ = −η·γ·S/(q·N) and give
 * Δ to the task's linear strategy as one update. Reputation sees what the ledger sees: a survivor that revealed
 * scores 1, one that did not 0.5; dropouts were already marked as missing the round when it closed.
 */
final class SecureRoundRecomputation {
    /** Stands for the unmasked sum in the strategy's statistics; no participant has this id. */
    static final String SUM_ID =
            Hashing.sha256Hex("medfed secure sum".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static final BigDecimal REVEALED = BigDecimal.ONE;
    private static final BigDecimal SILENT = new BigDecimal("0.5");

    private final BlobSource blobs;

    SecureRoundRecomputation(BlobSource blobs) {
        this.blobs = blobs;
    }

    RoundOutcome aggregate(
            RoundInput input, float[] global, ServerOptimizerState previous, AggregationStrategy strategy) {
        TaskSpec spec = input.spec();
        SecureAggregationSpec secure = spec.secureAggregationSpec().orElseThrow();
        SecureRoundInput material = input.secure();
        RoundContext context = new RoundContext(spec.id(), input.round(), material.attempt());
        SortedMap<String, byte[]> maskKeys = new TreeMap<>();
        for (RoundKeys keys : material.keys()) {
            maskKeys.put(keys.participantId(), keys.maskKeyBytes());
        }
        NeighbourGraph graph =
                NeighbourGraph.of(context, input.globalModel().sha256(), maskKeys.keySet(), (int) secure.neighbours());
        SortedSet<String> survivors = new TreeSet<>();
        long rows = 0;
        for (AcceptedUpdate update : input.updates()) {
            survivors.add(update.participantId());
            rows += update.numExamples();
        }
        SortedSet<String> dropouts = new TreeSet<>(material.withShares());
        dropouts.removeAll(survivors);

        Map<ShareKind, SortedMap<String, List<Shamir.Share>>> shares = shares(material.reveals(), graph);
        int threshold = (int) secure.threshold();
        SecureSum sum = new SecureSum(context, global.length);
        for (AcceptedUpdate update : input.updates()) {
            sum.addMasked(readMasked(update, global.length));
        }
        for (String survivor : survivors) {
            sum.removeSelfMask(survivor, reconstruct(shares, ShareKind.SEED, survivor, threshold));
        }
        for (String dropout : dropouts) {
            byte[] key = reconstruct(shares, ShareKind.KEY, dropout, threshold);
            if (!java.util.Arrays.equals(X25519.publicKey(key), maskKeys.get(dropout))) {
                throw new RoundAggregationException(
                        ErrorCode.SHARES_INSUFFICIENT,
                        "the mask key of " + dropout + " reconstructed from its revealed shares is not the key it"
                                + " posted: its shares are inconsistent",
                        null);
            }
            for (String neighbour : graph.neighbours(dropout)) {
                if (survivors.contains(neighbour)) {
                    sum.removePairMask(neighbour, dropout, key, maskKeys.get(neighbour));
                }
            }
        }

        DpPolicy dp = spec.dpPolicy().orElseThrow();
        SecureStep step = new SecureStep(
                decimal(dp.clipNorm()),
                (int) secure.quantizationBits(),
                decimal(spec.training().learningRate()),
                decimal(secure.samplingRate()),
                rows);
        float[] delta = step.update(sum.sum());
        AggregationResult result;
        try {
            result = strategy.aggregate(global, List.of(WeightedUpdate.of(SUM_ID, UpdateKind.DELTA, rows, delta)));
        } catch (AggregationException e) {
            throw new RoundAggregationException(ErrorCode.AGGREGATION_FAILED, e.getMessage(), e);
        }
        byte[] blob = FloatVectorCodec.encode(result.model());
        return new RoundOutcome(
                result.model(),
                blob,
                Hashing.sha256Hex(blob),
                contributions(survivors, material.reveals()),
                List.of(),
                OptimizerStates.next(result, previous));
    }

    private static Map<ShareKind, SortedMap<String, List<Shamir.Share>>> shares(
            List<Reveal> reveals, NeighbourGraph graph) {
        Map<ShareKind, SortedMap<String, List<Shamir.Share>>> byKind =
                Map.of(ShareKind.SEED, new TreeMap<>(), ShareKind.KEY, new TreeMap<>());
        for (Reveal reveal : reveals) {
            int x = graph.abscissa(reveal.participantId());
            for (RevealedShare share : reveal.shares()) {
                byKind.get(share.kind())
                        .computeIfAbsent(share.owner(), owner -> new ArrayList<>())
                        .add(new Shamir.Share(x, share.shareBytes()));
            }
        }
        return byKind;
    }

    private static byte[] reconstruct(
            Map<ShareKind, SortedMap<String, List<Shamir.Share>>> shares, ShareKind kind, String owner, int t) {
        List<Shamir.Share> held = shares.get(kind).getOrDefault(owner, List.of());
        if (held.size() < t) {
            throw new RoundAggregationException(
                    ErrorCode.SHARES_INSUFFICIENT,
                    held.size() + " " + kind.wire() + " shares of " + owner + " were revealed; " + t + " are needed",
                    null);
        }
        try {
            return Shamir.reconstruct(held, t);
        } catch (SecAggException e) {
            throw new RoundAggregationException(
                    ErrorCode.SHARES_INSUFFICIENT,
                    "the " + kind.wire() + " shares of " + owner + " do not reconstruct: " + e.getMessage(),
                    e);
        }
    }

    private int[] readMasked(AcceptedUpdate update, int p) {
        long cap = 12L + 4L * p + 1;
        byte[] bytes;
        try (InputStream in = blobs.open(update.blob().cid(), cap)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw RoundRecomputation.unavailable(update.blob(), "the masked input of " + update.participantId(), e);
        }
        if (!Hashing.sha256Hex(bytes).equals(update.blob().sha256())) {
            throw failed(update, "its SHA-256 is not the one on the ledger");
        }
        try {
            return MaskedVectorCodec.decode(bytes, p);
        } catch (InvalidVectorException e) {
            throw failed(update, e.getMessage());
        }
    }

    /** A masked input cannot be left out of a sum whose masks cancel only all together: the round cannot finish. */
    private static RoundAggregationException failed(AcceptedUpdate update, String why) {
        return new RoundAggregationException(
                ErrorCode.AGGREGATION_FAILED,
                "the masked input of " + update.participantId() + " ("
                        + update.blob().cid() + ") is unusable: " + why
                        + "; its masks cancel only with every survivor's, so the round cannot be unmasked",
                null);
    }

    private static List<Contribution> contributions(SortedSet<String> survivors, List<Reveal> reveals) {
        Set<String> revealed =
                new TreeSet<>(reveals.stream().map(Reveal::participantId).toList());
        List<Contribution> contributions = new ArrayList<>();
        for (String survivor : survivors) {
            contributions.add(new Contribution(survivor, revealed.contains(survivor) ? REVEALED : SILENT));
        }
        return contributions;
    }

    private static double decimal(BigDecimal value) {
        return Double.parseDouble(value.toString());
    }
}
