package org.medfed.client.provenance;

import java.util.List;

/** Where a model (asked for by CID or SHA-256) comes from: one lineage per task and round it occurs in. */
public record Lineage(String query, List<TaskLineage> tasks) {

    public Lineage {
        tasks = List.copyOf(tasks);
    }
}
