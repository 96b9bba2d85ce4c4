package org.medfed.client.subset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ledger.SubsetLedger;
import org.medfed.client.ledger.SubsetView;
import org.medfed.client.participation.SharedTrainingRows;
import org.medfed.client.participation.TrainingRefusedException;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.SharedSubsetSpec;
import org.medfed.common.model.Task;
import org.medfed.common.subset.MemberKeys;
import org.medfed.common.subset.SubsetContribution;

/**
 * A client node's stage 2: the rows the task's warm-up used, read once per task from this organisation's IPFS node
 * and opened with its member key, and this site's share α of them, drawn with a seed fixed by the task and the
 * participant, so every round of the task trains on the same shared rows.
 */
public final class LedgerSharedRows implements SharedTrainingRows {
    private final SubsetLedger ledger;
    private final BlobStore blobs;
    private final String mspId;
    private final Path memberKey;
    private final String participantId;
    private final Map<String, SharedRows.Draw> drawn = new ConcurrentHashMap<>();

    public LedgerSharedRows(SubsetLedger ledger, BlobStore blobs, String mspId, Path memberKey, String participantId) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.memberKey = memberKey;
        this.participantId = Objects.requireNonNull(participantId, "participantId");
    }

    @Override
    public Optional<SharedRows.Draw> draw(Task task) throws TrainingRefusedException {
        Optional<SharedSubsetSpec> subset = task.spec().subset();
        if (subset.isEmpty()) {
            return Optional.empty();
        }
        String taskId = task.spec().id();
        SharedRows.Draw cached = drawn.get(taskId);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (memberKey == null) {
            throw new TrainingRefusedException("task " + taskId + " trains on a shared subset, and this node has no "
                    + "member key to open it (subset.memberKey in its configuration)");
        }
        try {
            SubsetView view = ledger.subset(taskId).value();
            if (view.warmUp() == null) {
                throw new TrainingRefusedException("task " + taskId + " has not been warmed up yet");
            }
            List<String> used = view.warmUp().request().used();
            List<SubsetContribution> contributions = view.contributions().stream()
                    .filter(c -> used.contains(c.datasetId()))
                    .toList();
            ModelSpec model = task.spec().model();
            int classes = Math.toIntExact(model.classes());
            SharedRows rows = SharedRows.open(
                    contributions, blobs, mspId, MemberKeys.read(memberKey), Math.toIntExact(model.inputs()), classes);
            SharedRows.Draw draw = rows.draw(subset.get().alpha().doubleValue(), classes, seed(taskId));
            drawn.put(taskId, draw);
            return Optional.of(draw);
        } catch (MedfedException | BlobStoreException | java.io.IOException | IllegalStateException e) {
            throw new TrainingRefusedException(
                    "the shared subset of task " + taskId + " cannot be read here: " + e.getMessage(), e);
        }
    }

    private long seed(String taskId) {
        byte[] digest = Hashing.sha256((taskId + "|" + participantId).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest).getLong();
    }
}
