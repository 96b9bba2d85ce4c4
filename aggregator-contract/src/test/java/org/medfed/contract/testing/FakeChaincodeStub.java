package org.medfed.contract.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A map-backed {@link ChaincodeStub} for contract tests. Writes apply at once (a real peer applies them at commit),
 * and every write and event is recorded in order so tests can compare write sets byte for byte. Unsupported methods
 * throw {@link UnsupportedOperationException}.
 */
public final class FakeChaincodeStub implements ChaincodeStub {
    private final NavigableMap<String, byte[]> state = new TreeMap<>(FakeChaincodeStub::compareAsUtf8);
    private final List<Write> writes = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private String txId = "tx-1";
    private Instant txTimestamp = Instant.parse("2026-01-01T00:00:00Z");
    private byte[] creator;
    private List<String> args = List.of();
    private Map<String, byte[]> transientData = Map.of();

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

    public FakeChaincodeStub caller(TestIdentity identity) {
        this.creator = identity.creator();
        return this;
    }

    public FakeChaincodeStub creator(byte[] creator) {
        this.creator = creator == null ? null : creator.clone();
        return this;
    }

    public FakeChaincodeStub transaction(String txId, Instant txTimestamp) {
        this.txId = Objects.requireNonNull(txId);
        this.txTimestamp = Objects.requireNonNull(txTimestamp);
        return this;
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

    /** A copy of the world state, in ledger key order. */
    public NavigableMap<String, byte[]> state() {
        NavigableMap<String, byte[]> copy = new TreeMap<>(state.comparator());
        state.forEach((key, value) -> copy.put(key, value.clone()));
        return copy;
    }

    @Override
    public byte[] getState(String key) {
        byte[] value = state.get(requireKey(key));
        return value == null ? null : value.clone();
    }

    @Override
    public void putState(String key, byte[] value) {
        Objects.requireNonNull(value, "value");
        state.put(requireKey(key), value.clone());
        writes.add(new Write(key, value.clone()));
    }

    @Override
    public void delState(String key) {
        state.remove(requireKey(key));
        writes.add(new Write(key, null));
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
        return getStateByPartialCompositeKey(compositeKey.startsWith(CompositeKey.NAMESPACE)
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
        List<KeyValue> matches = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : state.tailMap(prefix, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            matches.add(new StoredKeyValue(entry.getKey(), entry.getValue().clone()));
        }
        return new ListResults(matches);
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

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public Instant getTxTimestamp() {
        return txTimestamp;
    }

    @Override
    public byte[] getCreator() {
        return creator == null ? null : creator.clone();
    }

    @Override
    public String getChannelId() {
        return "medfed";
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return transientData;
    }

    @Override
    public List<byte[]> getArgs() {
        return args.stream().map(arg -> arg.getBytes(UTF_8)).toList();
    }

    @Override
    public List<String> getStringArgs() {
        return args;
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : args.get(0);
    }

    @Override
    public List<String> getParameters() {
        return args.isEmpty() ? List.of() : args.subList(1, args.size());
    }

    /** Fabric orders keys by their UTF-8 bytes, i.e. by code point, not by {@link String#compareTo}. */
    private static int compareAsUtf8(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return key;
    }

    private record StoredKeyValue(String getKey, byte[] getValue) implements KeyValue {
        @Override
        public String getStringValue() {
            return new String(getValue, UTF_8);
        }
    }

    private record ListResults(List<KeyValue> results) implements QueryResultsIterator<KeyValue> {
        @Override
        public Iterator<KeyValue> iterator() {
            return results.iterator();
        }

        @Override
        public void close() {
        }
    }

    // Everything below is outside what the medfed contracts use.

    @Override
    public Chaincode.Response invokeChaincode(String name, List<byte[]> args, String channel) {
        throw unsupported();
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        throw unsupported();
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
            String startKey, String endKey, int pageSize, String bookmark) {
        throw unsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw unsupported();
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
            String query, int pageSize, String bookmark) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        throw unsupported();
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw unsupported();
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw unsupported();
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw unsupported();
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw unsupported();
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw unsupported();
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw unsupported();
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String compositeKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, CompositeKey compositeKey) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
            String collection, String objectType, String... attributes) {
        throw unsupported();
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw unsupported();
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw unsupported();
    }

    @Override
    public byte[] getBinding() {
        throw unsupported();
    }

    @Override
    public String getMspId() {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not supported by FakeChaincodeStub");
    }
}
