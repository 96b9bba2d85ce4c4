package org.medfed.chaincode.secagg;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.common.secagg.NeighbourGraph;
import org.medfed.common.secagg.Reveal;
import org.medfed.common.secagg.RoundContext;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.SecurePhases;
import org.medfed.common.secagg.ShareBundle;

/**
 * What the ledger holds of the current attempt of a secure round, read in key order so every endorser sees the same
 * sets: U1 (keys), U2 (shares), U3 (masked inputs; once closed, the accepted ones), the dropouts U2 \ U3 and the
 * reveals. The neighbour graph is over U1, seeded by the round's base model (docs/secure-aggregation.md).
 */
public record SecureRoundRecords(
        Task task,
        RoundState round,
        SortedMap<String, RoundKeys> keys,
        SortedMap<String, ShareBundle> shares,
        SortedSet<String> survivors,
        SortedMap<String, Reveal> reveals) {

    /**
     * How much of the attempt a transaction reads. Every range read is re-checked at validation (phantom reads), so
     * a posting transaction reads only the ranges that can no longer change in its phase: concurrent posts of the
     * same phase then never invalidate each other.
     */
    public enum Reads {
        /** Keys only: the shares phase (the key list is final once it opens). */
        KEYS,
        /** Keys and shares: masked inputs and reveals (both lists are final by then). */
        KEYS_AND_SHARES,
        /** Everything, masked inputs and reveals too: reads and the aggregation's input. */
        ALL
    }

    public static SecureRoundRecords read(LedgerStore ledger, Task task, RoundState round) {
        return read(ledger, task, round, Reads.ALL);
    }

    public static SecureRoundRecords read(LedgerStore ledger, Task task, RoundState round, Reads reads) {
        String id = task.id();
        long number = round.round();
        long attempt = round.attempt();
        SortedMap<String, RoundKeys> keys = new TreeMap<>();
        ledger.scan(ledger.keys().secureKeysOf(id, number, attempt), RoundKeys::fromJson)
                .forEach(k -> keys.put(k.participantId(), k));
        SortedMap<String, ShareBundle> shares = new TreeMap<>();
        if (reads != Reads.KEYS) {
            ledger.scan(ledger.keys().secureSharesOf(id, number, attempt), ShareBundle::fromJson)
                    .forEach(s -> shares.put(s.participantId(), s));
        }
        SortedMap<String, Reveal> reveals = new TreeMap<>();
        if (reads == Reads.ALL) {
            ledger.scan(ledger.keys().secureRevealsOf(id, number, attempt), Reveal::fromJson)
                    .forEach(r -> reveals.put(r.participantId(), r));
        }
        SortedSet<String> survivors = new TreeSet<>();
        if (round.status() == RoundStatus.OPEN && reads == Reads.ALL) {
            ledger.scan(ledger.keys().updatesOf(id, number), UpdateRecord::fromJson)
                    .forEach(u -> survivors.add(u.participantId()));
        } else if (round.status() != RoundStatus.OPEN) {
            survivors.addAll(round.accepted());
        }
        return new SecureRoundRecords(task, round, keys, shares, survivors, reveals);
    }

    public RoundContext context() {
        return new RoundContext(task.id(), round.round(), round.attempt());
    }

    /** The graph over U1; empty when nobody posted keys. */
    public NeighbourGraph graph() {
        return NeighbourGraph.of(context(), round.baseModel().sha256(), keys.keySet(), (int)
                task.spec().secureAggregationSpec().orElseThrow().neighbours());
    }

    /**
     * Whether the keys and shares phases may end early: nobody left to post in them. Read with {@link Reads#KEYS},
     * the shares are unknown and the shares phase never counts as complete.
     */
    public SecurePhases.Progress progress() {
        boolean keysComplete = keys.keySet().containsAll(task.spec().eligibleParticipants());
        boolean sharesComplete = !keys.isEmpty() && shares.keySet().containsAll(keys.keySet());
        return new SecurePhases.Progress(keysComplete, sharesComplete);
    }

    /** U2 \ U3: posted shares, no masked input. Meaningful once the round is closed. */
    public SortedSet<String> dropouts() {
        SortedSet<String> dropouts = new TreeSet<>(shares.keySet());
        dropouts.removeAll(survivors);
        return dropouts;
    }

    /** The eligible participants that have not done {@code done}'s part yet. */
    static List<String> missing(java.util.Collection<String> expected, java.util.Set<String> done) {
        return expected.stream().filter(id -> !done.contains(id)).sorted().toList();
    }
}
