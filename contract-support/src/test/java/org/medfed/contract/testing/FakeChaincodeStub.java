package org.medfed.contract.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A map-backed {@link ChaincodeStub} for contract tests, after {@code ChaincodeStubNaiveImpl}: composite keys,
 * partial-key and range scans with pagination, key history, the transaction id and timestamp, transient data,
 * events and a settable caller. Every write and event is recorded so tests can compare write sets byte for byte.
 *
 * <p>{@code new FakeChaincodeStub()} applies writes at once. {@link #committingPerTransaction()} behaves like a
 * peer: a transaction reads only what earlier transactions committed, and its writes apply on {@link #commit()}
 * (or vanish on {@link #rollback()}), so code that reads its own writes fails as it would on Fabric. Unsupported
 * methods throw {@link UnsupportedOperationException}.
 */
public final class FakeChaincodeStub extends FakeInvocation {
    private final FakeWorldState world;
    private final List<Write> writes = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private int eventsBeforeTransaction;
    private boolean paginatedQueryRan;

    /** One putState ({@code value} non-null) or delState ({@code value} null). */
    public record Write(String key, byte[] value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Write write && key.equals(write.key) && Arrays.equals(value, write.value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return key.replace('\u0000', '|') + " = " + (value == null ? "<deleted>" : new String(value, UTF_8));
        }
    }

    public record Event(String name, byte[] payload) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Event event && name.equals(event.name) && Arrays.equals(payload, event.payload);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return name + " " + new String(payload, UTF_8);
        }

        public String payloadText() {
            return new String(payload, UTF_8);
        }
    }

    public FakeChaincodeStub() {
        this(false);
    }

    private FakeChaincodeStub(boolean deferred) {
        this.world = new FakeWorldState(deferred);
    }

    /** A stub that, like a peer, applies a transaction's writes only when it commits. */
    public static FakeChaincodeStub committingPerTransaction() {
        return new FakeChaincodeStub(true);
    }

    public FakeChaincodeStub caller(TestIdentity identity) {
        this.creator = identity.creator();
        return this;
    }

    public FakeChaincodeStub creator(byte[] creator) {
        this.creator = creator == null ? null : creator.clone();
        return this;
    }

    /** Starts a transaction; with {@link #committingPerTransaction()} the previous one must be committed or rolled back. */
    public FakeChaincodeStub transaction(String txId, Instant txTimestamp) {
        if (world.hasPendingWrites()) {
            throw new IllegalStateException("commit or roll back transaction " + this.txId + " first");
        }
        this.txId = Objects.requireNonNull(txId);
        this.txTimestamp = Objects.requireNonNull(txTimestamp);
        this.eventsBeforeTransaction = events.size();
        this.paginatedQueryRan = false;
        return this;
    }

    /** Applies the running transaction's writes in key order and returns them: its write set. */
    public List<Write> commit() {
        List<Write> writeSet = world.commit(txId, txTimestamp);
        writes.addAll(writeSet);
        return writeSet;
    }

    /** Whether the running transaction has written (put or deleted) anything that is not committed yet. */
    public boolean hasPendingWrites() {
        return world.hasPendingWrites();
    }

    /** The events the running transaction has set so far (the last one is what a peer would publish). */
    public List<Event> transactionEvents() {
        return Collections.unmodifiableList(events.subList(eventsBeforeTransaction, events.size()));
    }

    /** Forgets the running transaction's writes and events, as a peer does when a transaction fails. */
    public void rollback() {
        world.rollback();
        events.subList(eventsBeforeTransaction, events.size()).clear();
    }

    /** The invocation arguments; the first is the function name, e.g. {@code system:ping}. */
    public FakeChaincodeStub args(String... args) {
        this.args = List.of(args);
        return this;
    }

    public FakeChaincodeStub transientData(Map<String, byte[]> transientData) {
        this.transientData = Map.copyOf(transientData);
        return this;
    }

    /** Every applied write in order (with deferred commits: each write set in key order). */
    public List<Write> writes() {
        return Collections.unmodifiableList(writes);
    }

    public List<Event> events() {
        return Collections.unmodifiableList(events);
    }

    /** The event a real peer would publish: only the last {@code setEvent} counts. */
    public Optional<Event> lastEvent() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }

    /** A copy of the committed world state, in ledger key order. */
    public NavigableMap<String, byte[]> state() {
        return world.snapshot();
    }

    @Override
    public byte[] getState(String key) {
        return world.get(requireKey(key));
    }

    @Override
    public void putState(String key, byte[] value) {
        Objects.requireNonNull(value, "value");
        write(key, value);
    }

    @Override
    public void delState(String key) {
        write(key, null);
    }

    private void write(String key, byte[] value) {
        if (paginatedQueryRan) {
            // Fabric refuses to validate a transaction that writes after a paginated query.
            throw new IllegalStateException("a transaction that ran a paginated query cannot write");
        }
        if (world.write(requireKey(key), value, txId, txTimestamp)) {
            writes.add(new Write(key, value == null ? null : value.clone()));
        }
    }

    @Override
    public CompositeKey createCompositeKey(String objectType, String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        return getStateByPartialCompositeKey(
                compositeKey.startsWith(CompositeKey.NAMESPACE)
                        ? CompositeKey.parseCompositeKey(compositeKey)
                        : new CompositeKey(compositeKey));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey partialKey) {
        String prefix = partialKey.toString();
        return new FakeQueryResults<>(world.range(prefix, FakeWorldState.endOfPrefix(prefix)), null);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey partialKey, int pageSize, String bookmark) {
        String prefix = partialKey.toString();
        return page(prefix, FakeWorldState.endOfPrefix(prefix), pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        CompositeKey.validateSimpleKeys(startKey, endKey);
        return new FakeQueryResults<>(
                world.range(FakeWorldState.simpleStart(startKey), FakeWorldState.simpleEnd(endKey)), null);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        CompositeKey.validateSimpleKeys(startKey, endKey);
        return page(FakeWorldState.simpleStart(startKey), FakeWorldState.simpleEnd(endKey), pageSize, bookmark);
    }

    private FakeQueryResults<KeyValue> page(String start, String end, int pageSize, String bookmark) {
        paginatedQueryRan = true;
        return world.page(start, end, pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        return new FakeQueryResults<>(world.history(requireKey(key)), null);
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("event name must not be empty");
        }
        events.add(new Event(name, payload == null ? new byte[0] : payload.clone()));
    }

    @Override
    public ChaincodeEvent getEvent() {
        return lastEvent()
                .map(event -> ChaincodeEvent.newBuilder()
                        .setEventName(event.name())
                        .setPayload(ByteString.copyFrom(event.payload()))
                        .setTxId(txId)
                        .build())
                .orElse(null);
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return key;
    }
}
