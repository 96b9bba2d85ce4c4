package org.medfed.common.subset;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.medfed.common.aggregation.round.BlobSource;
import org.medfed.common.aggregation.round.RoundAggregationException;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.SharedSubsetSpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.WarmUpSpec;
import org.medfed.common.protocol.ErrorCode;

/**
 * Stage 1 of two-stage training, recomputed from a {@link WarmUpInput}: what {@code aggregator:warmUp} runs on every
 * endorsing organisation with its own member key and IPFS node, and what a member's verifier can run again. For each
 * contribution in dataset id order: read the sealed blob, check its SHA-256, open it with this organisation's member
 * key, check the rows' SHA-256, shape and class counts against the ledger; a contribution failing any check is
 * excluded with the reason (the same on every endorser, since the checks depend only on the bytes), the others'
 * rows are concatenated and the initial model is trained on them ({@link WarmUp}). With no usable row the warm model
 * is the initial model, so the task goes on. A blob the node cannot serve, or a contribution not sealed for this
 * organisation, fails the whole ({@code BLOB_UNAVAILABLE}, {@code SUBSET_KEY_UNAVAILABLE}): it depends on the node,
 * not the data, so this organisation does not endorse.
 */
public final class WarmUpRecomputation {
    private final BlobSource blobs;
    private final String mspId;
    private final byte[] memberPrivateKey;

    /** The warm-up's result; {@code blob} is the warm model's float32 encoding. */
    public record Outcome(
            float[] model,
            byte[] blob,
            String sha256,
            List<String> used,
            List<SubsetExclusion> excluded,
            List<Long> classCounts) {

        public WarmUpRequest request(String taskId, ContentRef warmModel) {
            return new WarmUpRequest(taskId, warmModel, used, excluded, classCounts);
        }
    }

    public WarmUpRecomputation(BlobSource blobs, String mspId, byte[] memberPrivateKey) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.memberPrivateKey = memberPrivateKey == null ? null : memberPrivateKey.clone();
    }

    public Outcome warmUp(WarmUpInput input) {
        TaskSpec spec = input.spec();
        SharedSubsetSpec subset = spec.subset().orElseThrow();
        ModelSpec model = spec.model();
        int p = Math.toIntExact(model.parameterCount());
        int features = Math.toIntExact(model.inputs());
        int classes = Math.toIntExact(model.classes());
        requireOwnKeyRegistered(input);
        float[] initial = readInitial(input.initialModel(), p);
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<String> used = new ArrayList<>();
        List<SubsetExclusion> excluded = new ArrayList<>();
        for (SubsetContribution c : input.contributions()) {
            String problem = null;
            SubsetRows rows = null;
            try {
                rows = open(c, features, classes);
            } catch (SealedContribution.UnusableException e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                excluded.add(new SubsetExclusion(c.datasetId(), problem));
                continue;
            }
            used.add(c.datasetId());
            for (int i = 0; i < rows.y().length; i++) {
                x.add(rows.x()[i]);
                y.add(rows.y()[i]);
            }
        }
        long[] counts = new long[classes];
        y.forEach(label -> counts[label]++);
        List<Long> classCounts = new ArrayList<>();
        for (long count : counts) {
            classCounts.add(count);
        }
        float[] warm = initial;
        if (!y.isEmpty()) {
            WarmUpSpec settings = subset.warmUp();
            warm = WarmUp.train(
                    model,
                    initial,
                    x.toArray(float[][]::new),
                    y.stream().mapToInt(Integer::intValue).toArray(),
                    settings.epochs(),
                    settings.learningRate().doubleValue());
        }
        FloatVectorCodec.requireFinite(warm);
        byte[] blob = FloatVectorCodec.encode(warm);
        return new Outcome(warm, blob, Hashing.sha256Hex(blob), used, excluded, classCounts);
    }

    /**
     * A key file that does not match the organisation's registered public key would make every contribution fail to
     * open here and be excluded as if its rows were bad; it is this node's fault, so it fails the whole.
     */
    private void requireOwnKeyRegistered(WarmUpInput input) {
        String registered = input.memberKeys().get(mspId);
        if (memberPrivateKey == null
                || registered == null
                || input.contributions().isEmpty()) {
            return;
        }
        String own;
        try {
            own = MemberKeys.publicKeyBase64(memberPrivateKey);
        } catch (RuntimeException e) {
            own = "(unusable: " + e.getMessage() + ")";
        }
        if (!own.equals(registered)) {
            throw new RoundAggregationException(
                    ErrorCode.SUBSET_KEY_UNAVAILABLE,
                    "this organisation's member key (public " + own + ") is not the one " + mspId
                            + " registered on the ledger (" + registered + "): the key file is the wrong one",
                    null);
        }
    }

    private SubsetRows open(SubsetContribution c, int features, int classes)
            throws SealedContribution.UnusableException {
        String wrapped = c.wrappedKeys().get(mspId);
        if (wrapped == null || memberPrivateKey == null) {
            throw new RoundAggregationException(
                    ErrorCode.SUBSET_KEY_UNAVAILABLE,
                    memberPrivateKey == null
                            ? "this organisation (" + mspId + ") has no subset member key configured"
                            : "the rows of dataset " + c.datasetId() + " are not sealed for this organisation (" + mspId
                                    + ")",
                    null);
        }
        long cap = SealedContribution.maxBytes(c, features) + 1;
        byte[] sealed;
        try (InputStream in = blobs.open(c.cid(), cap)) {
            sealed = in.readNBytes((int) Math.min(cap, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw new RoundAggregationException(
                    ErrorCode.BLOB_UNAVAILABLE,
                    "this organisation's IPFS node could not serve the shared rows of dataset " + c.datasetId() + " ("
                            + c.cid() + "): " + e.getMessage(),
                    e);
        }
        return SealedContribution.open(c, sealed, mspId, memberPrivateKey, features, classes);
    }

    private float[] readInitial(ContentRef ref, int p) {
        long length = FloatVectorCodec.byteLength(p);
        byte[] bytes;
        try (InputStream in = blobs.open(ref.cid(), length + 1)) {
            bytes = in.readNBytes((int) length + 1);
        } catch (IOException e) {
            throw new RoundAggregationException(
                    ErrorCode.BLOB_UNAVAILABLE,
                    "this organisation's IPFS node could not serve the initial model " + ref.cid() + ": "
                            + e.getMessage(),
                    e);
        }
        String sha256 = Hashing.sha256Hex(bytes);
        if (!sha256.equals(ref.sha256())) {
            throw new RoundAggregationException(
                    ErrorCode.AGGREGATION_FAILED,
                    "the initial model " + ref.cid() + " hashes to " + sha256 + ", the ledger recorded " + ref.sha256(),
                    null);
        }
        try {
            float[] model = FloatVectorCodec.decode(bytes, p);
            FloatVectorCodec.requireFinite(model);
            return model;
        } catch (RuntimeException e) {
            throw new RoundAggregationException(
                    ErrorCode.AGGREGATION_FAILED, "the initial model is unusable: " + e.getMessage(), e);
        }
    }
}
