package org.medfed.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.medfed.chaincode.dataset.DatasetContract;
import org.medfed.chaincode.participant.ParticipantContract;
import org.medfed.chaincode.provenance.ProvenanceContract;
import org.medfed.chaincode.reputation.ReputationContract;
import org.medfed.chaincode.round.RoundContract;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.LedgerContract;
import org.medfed.chaincode.task.TaskContract;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.testing.FakeChaincodeStub;
import org.medfed.contract.testing.FakeChaincodeStub.Write;
import org.medfed.contract.testing.TestIdentity;

/**
 * Runs ledger transactions as a peer would: each on a fresh context with its own transaction id and the harness
 * clock as timestamp, committed when it succeeds and rolled back when it fails. Keeps each write set.
 */
public final class LedgerHarness {
    public static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    public final ParticipantContract participants = new ParticipantContract();
    public final DatasetContract datasets = new DatasetContract();
    public final TaskContract tasks = new TaskContract();
    public final RoundContract rounds = new RoundContract();
    public final ReputationContract reputation = new ReputationContract();
    public final ProvenanceContract provenance = new ProvenanceContract();

    private final FakeChaincodeStub stub = FakeChaincodeStub.committingPerTransaction();
    private final LedgerContract contexts = new LedgerContract() {};
    private final List<List<Write>> writeSets = new ArrayList<>();
    private final String txPrefix;
    private Instant now = T0;
    private int transactions;

    public LedgerHarness() {
        this("tx-");
    }

    /** Transaction ids start with {@code txPrefix}, so two harnesses can run the same steps with equal ids. */
    public LedgerHarness(String txPrefix) {
        this.txPrefix = txPrefix;
    }

    public FakeChaincodeStub stub() {
        return stub;
    }

    public Instant now() {
        return now;
    }

    public LedgerHarness at(Instant time) {
        now = time;
        return this;
    }

    public LedgerHarness advance(Duration duration) {
        now = now.plus(duration);
        return this;
    }

    /** Runs a transaction as {@code caller} and returns its result, committed. */
    public <T> T run(TestIdentity caller, Function<LedgerContext, T> transaction) {
        return run(txPrefix + ++transactions, caller, transaction);
    }

    /** Like {@link #run(TestIdentity, Function)} with the transaction id a client chose. */
    public <T> T run(String txId, TestIdentity caller, Function<LedgerContext, T> transaction) {
        stub.transaction(txId, now).caller(caller);
        try {
            T result = transaction.apply(contexts.createContext(stub));
            writeSets.add(stub.commit());
            return result;
        } catch (RuntimeException e) {
            stub.rollback();
            throw e;
        }
    }

    /** Runs a transaction that returns JSON and decodes its result. */
    public Map<String, Object> json(TestIdentity caller, Function<LedgerContext, String> transaction) {
        return JsonFields.object(CanonicalJson.parse(run(caller, transaction)));
    }

    /** Runs a transaction that must fail with {@code code}, checking that it wrote nothing and emitted nothing. */
    public FlChaincodeException refused(ErrorCode code, TestIdentity caller, Function<LedgerContext, ?> transaction) {
        int events = stub.events().size();
        var state = stub.state();
        try {
            run(caller, transaction);
        } catch (FlChaincodeException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.getMessage()).startsWith(code.name() + ": ");
            assertThat(new String(e.getPayload(), UTF_8)).isEqualTo(code.name());
            assertThat(stub.events()).hasSize(events);
            assertThat(stub.state()).containsOnlyKeys(state.keySet());
            return e;
        }
        return fail("expected " + code + " but the transaction succeeded");
    }

    /** The committed world state as writes in key order, for byte-for-byte comparison. */
    public List<Write> worldState() {
        return stub.state().entrySet().stream()
                .map(entry -> new Write(entry.getKey(), entry.getValue()))
                .toList();
    }

    public List<Write> lastWriteSet() {
        return writeSets.get(writeSets.size() - 1);
    }

    public List<List<Write>> writeSets() {
        return List.copyOf(writeSets);
    }

    public FakeChaincodeStub.Event lastEvent() {
        return stub.lastEvent().orElseThrow();
    }
}
