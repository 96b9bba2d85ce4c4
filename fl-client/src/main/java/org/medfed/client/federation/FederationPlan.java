package org.medfed.client.federation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.medfed.common.model.TaskSpec;

/**
 * A federation ready to run: the task on the ledger, each member's participant id and node configuration file, and
 * the held-back test rows no participant trains on.
 */
public record FederationPlan(
        TaskSpec task,
        Map<String, String> participantIds,
        Map<String, Path> configs,
        Path testCsv,
        Path mapping,
        List<FederationMember> members) {

    public FederationPlan {
        participantIds = Map.copyOf(participantIds);
        configs = Map.copyOf(configs);
        members = List.copyOf(members);
    }
}
