package org.medfed.client.retention;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one prune did on one node (or, in a dry run, would do).
 *
 * @param unpinned the released inputs this node pinned, unpinned now (or that a dry run would unpin)
 * @param notPinnedHere released inputs this node does not pin (other organisations' updates, or pruned already):
 *     garbage collection removes any cached copy
 * @param pinned kept-forever blobs this node did not pin and pinned now (or would)
 * @param pinFailures kept-forever blobs it could not pin (not found in the swarm), with Kubo's reason
 * @param garbageBlocks blocks garbage collection deleted; -1 when it did not run
 * @param sizeBefore the node's repository size before, in bytes
 * @param sizeAfter after, in bytes; -1 when nothing ran (a dry run)
 */
public record PruneReport(
        boolean dryRun,
        List<StoragePlan.Release> unpinned,
        List<StoragePlan.Release> notPinnedHere,
        List<String> pinned,
        Map<String, String> pinFailures,
        long garbageBlocks,
        long sizeBefore,
        long sizeAfter) {

    public PruneReport {
        unpinned = List.copyOf(unpinned);
        notPinnedHere = List.copyOf(notPinnedHere);
        pinned = List.copyOf(pinned);
        pinFailures = Map.copyOf(pinFailures);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("dryRun", dryRun);
        json.put("unpinned", releases(unpinned));
        json.put("notPinnedHere", releases(notPinnedHere));
        json.put("pinned", pinned);
        json.put("pinFailures", new TreeMap<>(pinFailures));
        json.put("garbageBlocks", garbageBlocks);
        json.put("repoSizeBefore", sizeBefore);
        json.put("repoSizeAfter", sizeAfter);
        return json;
    }

    static List<Map<String, Object>> releases(List<StoragePlan.Release> releases) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (StoragePlan.Release r : releases) {
            Map<String, Object> item = new TreeMap<>();
            item.put("cid", r.cid());
            item.put("taskId", r.taskId());
            item.put("round", r.round());
            item.put("participantId", r.participantId());
            item.put("input", r.input().wire());
            item.put("retention", r.retention().name());
            json.add(item);
        }
        return json;
    }
}
