package org.medfed.client.subset;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ledger.Reply;
import org.medfed.client.ledger.SubsetLedger;
import org.medfed.client.ledger.SubsetView;
import org.medfed.common.codec.Hashing;
import org.medfed.common.subset.MemberKeyRecord;
import org.medfed.common.subset.SubsetCipher;
import org.medfed.common.subset.SubsetContribution;
import org.medfed.common.subset.SubsetQuota;
import org.medfed.common.subset.SubsetRows;
import org.medfed.common.subset.SubsetSelection;
import org.medfed.common.subset.SubsetShare;

/**
 * A data holder's contribution to a task's shared subset: its fair share of what each class still needs
 * ({@link SubsetQuota}), drawn at random from its training rows ({@link SubsetSelection#byQuota}), encoded
 * ({@link SubsetRows}), sealed to every registered member organisation ({@link SubsetCipher}), added to this
 * organisation's IPFS node, and published with its hashes, class counts and the consent the holder affirms.
 */
public final class SubsetPublisher {
    private final SubsetLedger ledger;
    private final BlobStore blobs;
    private final SecureRandom random;
    private final RandomGenerator selection;

    /** The decline reason of a holder with nothing the subset still needs, before the needs per class. */
    public static final String NOTHING_NEEDED = "no rows of the classes the subset still needs: ";

    /** What was published, and the rows it drew (their indices in the training rows given). */
    public record Published(Reply<SubsetShare> share, int[] rows) {}

    public SubsetPublisher(SubsetLedger ledger, BlobStore blobs, SecureRandom random) {
        this(ledger, blobs, random, random);
    }

    /**
     * With the rows drawn from {@code selection} (a seeded generator in simulations, so a seed names the same rows);
     * the seal's keys always come from {@code random}.
     */
    public SubsetPublisher(SubsetLedger ledger, BlobStore blobs, SecureRandom random, RandomGenerator selection) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.random = Objects.requireNonNull(random, "random");
        this.selection = Objects.requireNonNull(selection, "selection");
    }

    /**
     * @param train   the holder's training rows, mapped as the task's model expects
     * @param consent the consent the holder affirms; the ledger refuses it unless it is the task's, verbatim
     * @throws IllegalStateException when the subset no longer takes contributions or asks nothing of this dataset
     */
    public Published contribute(String taskId, String datasetId, TabularDataset train, String consent)
            throws MedfedException, BlobStoreException {
        return contribute(taskId, datasetId, train, consent, false);
    }

    /**
     * As {@link #contribute}, but a holder with no row of the classes the subset still needs declines
     * ({@code subset:declineRows}, {@value #NOTHING_NEEDED}…) instead of failing: a simulated or scripted holder.
     */
    public Published contributeOrDecline(String taskId, String datasetId, TabularDataset train, String consent)
            throws MedfedException, BlobStoreException {
        return contribute(taskId, datasetId, train, consent, true);
    }

    private Published contribute(
            String taskId, String datasetId, TabularDataset train, String consent, boolean declineWhenNothingNeeded)
            throws MedfedException, BlobStoreException {
        SubsetView view = ledger.subset(taskId).value();
        if (SubsetView.WARMED.equals(view.status())) {
            throw new IllegalStateException("the shared subset of task " + taskId + " is closed: its warm-up has run");
        }
        int classes = view.classTotals().size();
        long[] have = new long[classes];
        int[] counts = train.classCounts();
        for (int c = 0; c < classes && c < counts.length; c++) {
            have[c] = counts[c];
        }
        long[] need = new long[classes];
        for (int c = 0; c < classes; c++) {
            need[c] =
                    Math.max(0, view.spec().rowsPerClass() - view.classTotals().get(c));
        }
        int left = (int) Math.max(1, view.pending());
        long[] quota = SubsetQuota.share(have, need, left);
        int[] chosen = SubsetSelection.byQuota(train.labels(), quota, selection.nextLong());
        if (chosen.length == 0) {
            if (declineWhenNothingNeeded) {
                return new Published(
                        ledger.decline(taskId, datasetId, NOTHING_NEEDED + java.util.Arrays.toString(need)), chosen);
            }
            throw new IllegalStateException("dataset " + datasetId + " has no rows of the classes task " + taskId
                    + " still needs (" + java.util.Arrays.toString(need) + " per class); decline instead");
        }
        float[][] x = new float[chosen.length][];
        int[] y = new int[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            x[i] = train.features()[chosen[i]];
            y[i] = train.labels()[chosen[i]];
        }
        byte[] rows = SubsetRows.encode(x, y, classes);
        Map<String, byte[]> members = new TreeMap<>();
        for (MemberKeyRecord key : ledger.memberKeys().value()) {
            members.put(key.mspId(), key.publicKeyBytes());
        }
        SubsetCipher.Sealed sealed = SubsetCipher.seal(rows, taskId, datasetId, members, random);
        BlobRef blob = blobs.add(sealed.blob());
        java.util.List<Long> classCounts = new java.util.ArrayList<>();
        for (long q : quota) {
            classCounts.add(q);
        }
        SubsetContribution contribution = new SubsetContribution(
                taskId,
                datasetId,
                blob.cid(),
                blob.sha256Hex(),
                Hashing.sha256Hex(rows),
                classCounts,
                consent,
                sealed.ephemeralPublicKey(),
                sealed.wrappedKeys());
        return new Published(ledger.contribute(contribution), chosen);
    }
}
