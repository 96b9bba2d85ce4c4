package org.medfed.chaincode.secagg;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.LedgerContract;
import org.medfed.chaincode.support.Records;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Participant;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.Rounds;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.Reveal;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.SecurePhases;
import org.medfed.common.secagg.SecurePhases.Phase;
import org.medfed.common.secagg.ShareBundle;
import org.medfed.common.secagg.X25519;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.support.Rules;

/**
 * The phases of a secure round that are not the masked input itself (docs/secure-aggregation.md): keys, shares and
 * reveals, each in its phase on ledger time, once per participant and attempt. Every transaction writes one key of
 * its caller only, so participants posting in the same block never conflict. The masked input is
 * {@code round:submitUpdate}; closing and aggregating are the round's and the aggregator's.
 */
@Contract(name = ContractNames.SECAGG)
public final class SecureAggregationContract implements LedgerContract {
    private final RevealCheck reveals = new RevealCheck();

    /** Posts the caller's two X25519 public keys (base64) for the round's current attempt. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postKeys(LedgerContext ctx, String taskId, String round, String maskKey, String shareKey) {
        Caller caller = caller(ctx, taskId, round, Phase.KEYS);
        // Keys are where a secure round's participation starts; the masked input then names its dataset.
        Records.requireHeldDatasetUseApproved(caller.ledger(), caller.task(), caller.id());
        RoundKeys keys;
        try {
            keys = new RoundKeys(
                    taskId,
                    caller.round.round(),
                    caller.round.attempt(),
                    caller.id(),
                    maskKey,
                    shareKey,
                    ctx.txTimestamp(),
                    ctx.txId());
        } catch (IllegalArgumentException e) {
            throw new FlChaincodeException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
        for (byte[] key : List.of(keys.maskKeyBytes(), keys.shareKeyBytes())) {
            if (!X25519.acceptablePublicKey(key)) {
                throw new FlChaincodeException(
                        ErrorCode.INVALID_ARGUMENT, "a posted key is a small-order X25519 point; post a fresh key");
            }
        }
        return caller.store(caller.keysKey(), EventNames.SECURE_KEYS_POSTED, keys);
    }

    /** Posts the caller's encrypted shares, one per neighbour in the round's graph and one to itself, with commitments. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postShares(LedgerContext ctx, String taskId, String round, String shares) {
        Caller caller = caller(ctx, taskId, round, Phase.SHARES);
        List<EncryptedShare> posted = Args.json("shares", shares, ShareBundle::requestFromJson);
        SecureRoundRecords records = caller.records;
        if (!records.keys().containsKey(caller.id())) {
            throw new FlChaincodeException(
                    ErrorCode.ILLEGAL_TRANSITION,
                    "participant " + caller.id() + " posted no keys in attempt " + caller.round.attempt()
                            + ", so it has no place in the round's neighbour graph");
        }
        SortedSet<String> expected = records.graph().holders(caller.id());
        SortedSet<String> addressed =
                new TreeSet<>(posted.stream().map(EncryptedShare::to).toList());
        if (!addressed.equals(expected)) {
            throw new FlChaincodeException(
                    ErrorCode.WRONG_NEIGHBOUR,
                    "shares must go to exactly the neighbours and the sender itself " + expected + ", got "
                            + addressed);
        }
        ShareBundle bundle = new ShareBundle(
                taskId,
                caller.round.round(),
                caller.round.attempt(),
                caller.id(),
                posted,
                ctx.txTimestamp(),
                ctx.txId());
        return caller.store(caller.sharesKey(), EventNames.SECURE_SHARES_POSTED, bundle);
    }

    /** Reveals, in clear, the shares the caller holds: seed shares of survivors, mask-key shares of dropouts. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String revealShares(LedgerContext ctx, String taskId, String round, String reveal) {
        Caller caller = caller(ctx, taskId, round, Phase.UNMASK);
        List<RevealedShare> shares = Args.json("reveal", reveal, Reveal::requestFromJson);
        reveals.check(caller.records, caller.id(), shares);
        Reveal stored = new Reveal(
                taskId,
                caller.round.round(),
                caller.round.attempt(),
                caller.id(),
                shares,
                ctx.txTimestamp(),
                ctx.txId());
        return caller.store(caller.revealKey(), EventNames.SECURE_SHARES_REVEALED, stored);
    }

    /** The current attempt of a secure round as every participant sees it (docs/secure-aggregation.md). */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getSecureRound(LedgerContext ctx, String taskId, String round) {
        Args.id("taskId", taskId);
        long number = Args.positive("round", round, Long.MAX_VALUE);
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        SecureAggregationSpec spec = secureSpec(task);
        SecureRoundRecords records = SecureRoundRecords.read(ledger, task, Records.round(ledger, taskId, number));
        return CanonicalJson.encode(SecureRoundView.of(records, spec, ctx.txTimestamp()));
    }

    private static SecureAggregationSpec secureSpec(Task task) {
        return task.spec()
                .secureAggregationSpec()
                .orElseThrow(() -> new FlChaincodeException(
                        ErrorCode.SECURE_AGGREGATION_UNSUPPORTED,
                        "task " + task.id() + " aggregates in clear: it has no secure-aggregation phases"));
    }

    /** The checks every posting transaction shares, in the order a refusal should name the first problem. */
    private static Caller caller(LedgerContext ctx, String taskId, String round, Phase phase) {
        Args.id("taskId", taskId);
        long number = Args.positive("round", round, Long.MAX_VALUE);
        Participant participant = ctx.access().requireDataHolder();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        SecureAggregationSpec spec = secureSpec(task);
        Rules.enforce(() -> {
            task.requireActive();
            Rounds.requireCurrent(task, number);
        });
        if (!task.spec().isEligible(participant.id())) {
            throw new FlChaincodeException(
                    ErrorCode.NOT_ELIGIBLE, "participant " + participant.id() + " is not eligible for task " + taskId);
        }
        RoundState state = Records.round(ledger, taskId, number);
        // The keys phase reads no range (a second post is a duplicate anyway), the shares phase the final key list,
        // reveals the final key and share lists: concurrent posts of one phase never invalidate each other.
        SecureRoundRecords records = switch (phase) {
            case KEYS -> null;
            case SHARES -> SecureRoundRecords.read(ledger, task, state, SecureRoundRecords.Reads.KEYS);
            default -> SecureRoundRecords.read(ledger, task, state, SecureRoundRecords.Reads.KEYS_AND_SHARES);
        };
        SecurePhases.Progress progress = records == null ? SecurePhases.Progress.NONE : records.progress();
        Rules.enforce(() -> SecurePhases.require(spec, state, ctx.txTimestamp(), progress, phase));
        return new Caller(ledger, task, state, participant, records);
    }

    private record Caller(
            LedgerStore ledger, Task task, RoundState round, Participant participant, SecureRoundRecords records) {
        String id() {
            return participant.id();
        }

        String keysKey() {
            return ledger.keys().secureKeys(task.id(), round.round(), round.attempt(), id());
        }

        String sharesKey() {
            return ledger.keys().secureShares(task.id(), round.round(), round.attempt(), id());
        }

        String revealKey() {
            return ledger.keys().secureReveal(task.id(), round.round(), round.attempt(), id());
        }

        /** Stores once per participant and attempt; a second post is ALREADY_EXISTS, whatever it holds. */
        String store(String key, String event, JsonRecord record) {
            if (ledger.exists(key)) {
                throw new FlChaincodeException(
                        ErrorCode.ALREADY_EXISTS,
                        "participant " + id() + " already posted " + event + " in round " + round.round() + " attempt "
                                + round.attempt());
            }
            byte[] json = ledger.put(key, record);
            ledger.emit(event, json);
            return new String(json, UTF_8);
        }
    }
}
