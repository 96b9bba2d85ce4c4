package org.medfed.chaincode.subset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.Records;
import org.medfed.common.model.SharedSubsetSpec;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.subset.MemberKeyRecord;
import org.medfed.common.subset.SubsetContribution;
import org.medfed.common.subset.SubsetShare;
import org.medfed.common.subset.WarmUpRecord;
import org.medfed.contract.support.FlChaincodeException;

/** Reads of a task's shared subset that its transactions, the warm-up and round 1's gate share. */
public final class SubsetRecords {
    static final String COLLECTING = "collecting";
    static final String READY = "ready";
    static final String WARMED = "warmed";

    private final LedgerStore ledger;
    private final Task task;
    private final SharedSubsetSpec spec;
    private final Map<String, SubsetShare> shares = new TreeMap<>();

    private SubsetRecords(LedgerStore ledger, Task task, SharedSubsetSpec spec) {
        this.ledger = ledger;
        this.task = task;
        this.spec = spec;
        for (SubsetShare share : ledger.scan(ledger.keys().subsetSharesOf(task.id()), SubsetShare::fromJson)) {
            shares.put(share.datasetId(), share);
        }
    }

    /** @throws FlChaincodeException {@link ErrorCode#NO_SHARED_SUBSET} if the task declares none */
    public static SubsetRecords of(LedgerStore ledger, Task task) {
        SharedSubsetSpec spec = task.spec()
                .subset()
                .orElseThrow(() -> new FlChaincodeException(
                        ErrorCode.NO_SHARED_SUBSET, "task " + task.id() + " declares no shared subset"));
        return new SubsetRecords(ledger, task, spec);
    }

    /**
     * Refuses with {@link ErrorCode#SUBSET_NOT_WARMED} a round-1 transaction of a two-stage task whose warm-up has
     * not run: round 1 starts from the warm model, which does not exist yet.
     */
    public static void requireWarmedUp(LedgerStore ledger, Task task, long round) {
        if (round == 1
                && task.spec().subset().isPresent()
                && !ledger.exists(ledger.keys().warmUp(task.id()))) {
            throw new FlChaincodeException(
                    ErrorCode.SUBSET_NOT_WARMED,
                    "task " + task.id() + " trains in two stages: round 1 opens to updates once the initial model "
                            + "is warmed up on the shared subset (aggregator:warmUp)");
        }
    }

    SharedSubsetSpec spec() {
        return spec;
    }

    Map<String, SubsetShare> shares() {
        return shares;
    }

    Optional<WarmUpRecord> warmUp() {
        return ledger.find(ledger.keys().warmUp(task.id()), WarmUpRecord::fromJson);
    }

    /** The published contributions in ascending dataset id order: the order the warm-up concatenates their rows. */
    List<SubsetContribution> contributions() {
        List<SubsetContribution> contributions = new ArrayList<>();
        shares.values().stream().filter(SubsetShare::contributed).forEach(s -> contributions.add(s.contribution()));
        return contributions;
    }

    /** Rows of each class published so far. */
    long[] totals() {
        long[] totals = new long[Math.toIntExact(task.spec().model().classes())];
        for (SubsetContribution c : contributions()) {
            for (int k = 0; k < totals.length && k < c.classCounts().size(); k++) {
                totals[k] += c.classCounts().get(k);
            }
        }
        return totals;
    }

    /** {@code collecting} until every contributor answered, then {@code ready}, and {@code warmed} after stage 1. */
    String status() {
        if (ledger.exists(ledger.keys().warmUp(task.id()))) {
            return WARMED;
        }
        return shares.keySet().containsAll(spec.contributors()) ? READY : COLLECTING;
    }

    /** Refuses with {@link ErrorCode#SUBSET_CLOSED} once the warm-up has run. */
    void requireOpen() {
        if (WARMED.equals(status())) {
            throw new FlChaincodeException(
                    ErrorCode.SUBSET_CLOSED,
                    "the shared subset of task " + task.id() + " is closed: its warm-up has run");
        }
    }

    /**
     * Refuses with {@link ErrorCode#SUBSET_NOT_READY} until every contributor has answered, {@link
     * ErrorCode#SUBSET_CLOSED} after the warm-up. When every contributor declined, the warm-up keeps the initial model
     * and the task trains on, in one stage.
     */
    void requireReady() {
        requireOpen();
        requireAllAnswered();
    }

    /** Refuses with {@link ErrorCode#SUBSET_NOT_READY} while a contributor has not answered. */
    void requireAllAnswered() {
        TreeSet<String> outstanding = new TreeSet<>(spec.contributors());
        outstanding.removeAll(shares.keySet());
        if (!outstanding.isEmpty()) {
            throw new FlChaincodeException(
                    ErrorCode.SUBSET_NOT_READY,
                    "the shared subset of task " + task.id() + " waits for datasets " + outstanding);
        }
    }

    /** The registered member keys by MSP id. */
    static Map<String, MemberKeyRecord> memberKeys(LedgerStore ledger) {
        Map<String, MemberKeyRecord> keys = new TreeMap<>();
        ledger.scan(ledger.keys().allMemberKeys(), MemberKeyRecord::fromJson).forEach(k -> keys.put(k.mspId(), k));
        return keys;
    }

    /** The organisations of the task's eligible participants: each must be able to open the rows. */
    TreeSet<String> taskOrganisations() {
        TreeSet<String> orgs = new TreeSet<>();
        for (String participantId : task.spec().eligibleParticipants()) {
            orgs.add(Records.participant(ledger, participantId).mspId());
        }
        return orgs;
    }
}
