package org.medfed.client.retention;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medfed.common.retention.RoundRetention;

/**
 * What the tasks' retention policies let a node unpin, and what it must keep, read from the ledger by
 * {@link StoragePlanner}: the same for every organisation at the same ledger height.
 *
 * @param releases round inputs that a policy released and no task still references, in task, round, participant order
 * @param withheld round inputs a policy released but that another task (or another round) still references: kept
 * @param kept every CID a task still references: kept models, optimizer states, control variates, shared rows and the
 *     inputs of rounds not released
 * @param keptForever what a policy never releases and the pruner pins: initial, warm and global models, optimizer
 *     states, control variates
 * @param rounds the decision for every round of every task that has a policy
 * @param tasks how many tasks the ledger holds
 */
public record StoragePlan(
        List<Release> releases,
        List<Release> withheld,
        Set<String> kept,
        Set<String> keptForever,
        List<RoundDecision> rounds,
        int tasks) {

    public StoragePlan {
        releases = List.copyOf(releases);
        withheld = List.copyOf(withheld);
        kept = Set.copyOf(new TreeSet<>(kept));
        keptForever = Set.copyOf(new TreeSet<>(keptForever));
        rounds = List.copyOf(rounds);
    }

    /** No task has a retention policy: nothing to release, nothing read beyond the task list. */
    public static StoragePlan keepEverything(int tasks) {
        return new StoragePlan(List.of(), List.of(), Set.of(), Set.of(), List.of(), tasks);
    }

    /** Whether any task has a retention policy. */
    public boolean anyPolicy() {
        return !rounds.isEmpty();
    }

    /** The released CIDs, each once. */
    public Set<String> releasedCids() {
        Set<String> cids = new TreeSet<>();
        releases.forEach(r -> cids.add(r.cid()));
        return cids;
    }

    /** Per task with a policy, its released rounds in order. */
    public Map<String, List<Long>> releasedRounds() {
        Map<String, List<Long>> released = new TreeMap<>();
        for (RoundDecision d : rounds) {
            List<Long> list = released.computeIfAbsent(d.taskId(), t -> new ArrayList<>());
            if (d.retention().released()) {
                list.add(d.round());
            }
        }
        return released;
    }

    /** One input blob of a round: an update (in clear or masked) or a SCAFFOLD control delta. */
    public record Release(
            String cid, String taskId, long round, String participantId, Input input, RoundRetention retention) {}

    /** The kinds of round input a policy releases. */
    public enum Input {
        UPDATE("update"),
        CONTROL_DELTA("control delta");

        private final String wire;

        Input(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A round of a task with a policy, what the policy decides for it and the policy in words. */
    public record RoundDecision(String taskId, long round, RoundRetention retention, String policy) {}
}
