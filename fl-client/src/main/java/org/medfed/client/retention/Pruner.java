package org.medfed.client.retention;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.PinStore;

/**
 * Applies a {@link StoragePlan} to one organisation's IPFS node: pins what the policies keep forever and the node
 * does not pin yet (so garbage collection cannot take its only copy), unpins the released inputs it pins, then runs
 * Kubo's garbage collection, which deletes their blocks and any cached copy of other organisations' released inputs.
 * It never unpins a CID the plan keeps, whatever the plan's releases say. Idempotent: a second run finds nothing
 * pinned to unpin. A dry run reads the node's pins and size and writes nothing.
 */
public final class Pruner {

    /** What a prune may do. */
    public enum Mode {
        /** Read only: report what a prune would unpin and pin. */
        DRY_RUN,
        /** Pin and unpin, but leave the blocks to a later garbage collection. */
        UNPIN,
        /** Pin, unpin, then collect garbage: the disk space comes back now. */
        UNPIN_AND_COLLECT
    }

    private final PinStore node;

    public Pruner(PinStore node) {
        this.node = node;
    }

    public PruneReport prune(StoragePlan plan, Mode mode) throws BlobStoreException {
        Set<String> pins = node.pins();
        long sizeBefore = node.repoSizeBytes();
        List<StoragePlan.Release> unpin = new ArrayList<>();
        List<StoragePlan.Release> absent = new ArrayList<>();
        for (StoragePlan.Release release : plan.releases()) {
            if (plan.kept().contains(release.cid())) {
                continue; // a plan built by StoragePlanner never asks this; the check costs nothing
            }
            (pins.contains(release.cid()) ? unpin : absent).add(release);
        }
        List<String> pin = plan.keptForever().stream()
                .filter(cid -> !pins.contains(cid))
                .sorted()
                .toList();
        if (mode == Mode.DRY_RUN) {
            return new PruneReport(true, unpin, absent, pin, Map.of(), -1, sizeBefore, -1);
        }
        List<String> pinned = new ArrayList<>();
        Map<String, String> failures = new TreeMap<>();
        for (String cid : pin) {
            try {
                node.pin(cid);
                pinned.add(cid);
            } catch (BlobStoreException e) {
                // No node of the swarm has it: there is nothing here for garbage collection to take either.
                failures.put(cid, e.getMessage());
            }
        }
        for (String cid :
                unpin.stream().map(StoragePlan.Release::cid).distinct().toList()) {
            node.unpin(cid);
        }
        long garbage = -1;
        if (mode == Mode.UNPIN_AND_COLLECT && !plan.releases().isEmpty()) {
            garbage = node.collectGarbage();
        }
        return new PruneReport(false, unpin, absent, pinned, failures, garbage, sizeBefore, node.repoSizeBytes());
    }
}
