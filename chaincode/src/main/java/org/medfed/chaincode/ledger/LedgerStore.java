package org.medfed.chaincode.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.FlChaincodeException;

/**
 * Typed access to the world state for one transaction, and the only code that runs scans. Records are stored as
 * canonical JSON, so every endorser writes the same bytes; scans return records in ledger key order (UTF-8 byte
 * order), whatever order the peer's database uses. Create one store per transaction.
 */
public final class LedgerStore {
    private static final Base64.Encoder BOOKMARK_ENCODER =
            Base64.getUrlEncoder().withoutPadding();

    private final ChaincodeStub stub;
    private final Keys keys;
    private boolean eventEmitted;

    public LedgerStore(ChaincodeStub stub) {
        this.stub = stub;
        this.keys = new Keys(stub);
    }

    public Keys keys() {
        return keys;
    }

    /** The record under {@code key}, decoded by {@code decoder}, or empty when the key holds nothing. */
    public <T> Optional<T> find(String key, Function<Map<String, Object>, T> decoder) {
        byte[] stored = stub.getState(key);
        // The peer answers an absent key with an empty value, not null.
        if (stored == null || stored.length == 0) {
            return Optional.empty();
        }
        return Optional.of(decode(key, stored, decoder));
    }

    public boolean exists(String key) {
        byte[] stored = stub.getState(key);
        return stored != null && stored.length > 0;
    }

    /** Stores the record and returns the exact bytes written, for use as an event payload or result. */
    public byte[] put(String key, JsonRecord record) {
        byte[] json = CanonicalJson.encodeUtf8(record.toJson());
        stub.putState(key, json);
        return json;
    }

    /** Deletes the key (Fabric keeps its history); deleting a missing key writes a delete all the same. */
    public void delete(String key) {
        stub.delState(key);
    }

    /** Every record under a partial key, in key order. */
    public <T> List<T> scan(CompositeKey partialKey, Function<Map<String, Object>, T> decoder) {
        List<KeyValue> entries = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = stub.getStateByPartialCompositeKey(partialKey)) {
            results.forEach(entries::add);
        } catch (Exception e) {
            throw new FlChaincodeException(
                    ErrorCode.INTERNAL, "scan of " + printable(partialKey.toString()) + " failed", e);
        }
        return decodeInKeyOrder(entries, decoder);
    }

    /**
     * One page of the records under a partial key. Fabric allows paginated queries only in EVALUATE
     * transactions, so only listings call this.
     */
    public <T> Page<T> page(
            CompositeKey partialKey, int pageSize, String bookmark, Function<Map<String, Object>, T> decoder) {
        String prefix = partialKey.toString();
        String start = bookmark.isEmpty() ? "" : decodeBookmark(bookmark, prefix);
        List<KeyValue> entries = new ArrayList<>();
        String next;
        try (QueryResultsIteratorWithMetadata<KeyValue> results =
                stub.getStateByPartialCompositeKeyWithPagination(partialKey, pageSize, start)) {
            results.forEach(entries::add);
            next = results.getMetadata() == null ? "" : results.getMetadata().getBookmark();
        } catch (Exception e) {
            throw new FlChaincodeException(ErrorCode.INTERNAL, "listing of " + printable(prefix) + " failed", e);
        }
        // A peer may hand back a bookmark after the last record; a short page means there is nothing more.
        boolean more = next != null && !next.isEmpty() && entries.size() == pageSize;
        return new Page<>(
                decodeInKeyOrder(entries, decoder), more ? BOOKMARK_ENCODER.encodeToString(next.getBytes(UTF_8)) : "");
    }

    /**
     * What a {@code list*} transaction answers: one page of the records under a partial key as canonical JSON
     * {@code {"items", "bookmark", "count"}}, items in key order; the one place the listings' wire form is made.
     */
    public <T extends JsonRecord> String listing(
            CompositeKey partialKey, Args.Paging paging, Function<Map<String, Object>, T> decoder) {
        return CanonicalJson.encode(
                page(partialKey, paging.size(), paging.bookmark(), decoder).toJson(JsonRecord::toJson));
    }

    /** Every committed version of the key, as the peer's history database returns them (newest first). */
    public List<HistoryEntry> history(String key) {
        List<HistoryEntry> entries = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> results = stub.getHistoryForKey(key)) {
            for (KeyModification modification : results) {
                Map<String, Object> value = modification.isDeleted() || modification.getValue().length == 0
                        ? null
                        : decode(key, modification.getValue(), json -> json);
                entries.add(new HistoryEntry(
                        modification.getTxId(), modification.getTimestamp(), modification.isDeleted(), value));
            }
        } catch (FlChaincodeException e) {
            throw e;
        } catch (Exception e) {
            throw new FlChaincodeException(ErrorCode.INTERNAL, "history of " + printable(key) + " failed", e);
        }
        return entries;
    }

    /** Sets the transaction's event; a second one would silently replace the first on the peer, so it is refused. */
    public void emit(String eventName, byte[] payload) {
        if (eventEmitted) {
            throw new FlChaincodeException(ErrorCode.INTERNAL, "a transaction emits at most one event");
        }
        eventEmitted = true;
        stub.setEvent(eventName, payload);
    }

    /** Emits the payload as canonical JSON and returns that JSON, the transaction's result. */
    public String emit(String eventName, Map<String, Object> payload) {
        byte[] json = CanonicalJson.encodeUtf8(payload);
        emit(eventName, json);
        return new String(json, UTF_8);
    }

    private <T> List<T> decodeInKeyOrder(List<KeyValue> entries, Function<Map<String, Object>, T> decoder) {
        entries.sort((a, b) -> compareAsUtf8(a.getKey(), b.getKey()));
        List<T> records = new ArrayList<>(entries.size());
        for (KeyValue entry : entries) {
            records.add(decode(entry.getKey(), entry.getValue(), decoder));
        }
        return records;
    }

    private static <T> T decode(String key, byte[] stored, Function<Map<String, Object>, T> decoder) {
        try {
            return decoder.apply(JsonFields.object(CanonicalJson.parseUtf8(stored)));
        } catch (IllegalArgumentException e) {
            throw new FlChaincodeException(ErrorCode.INTERNAL, "unreadable record under " + printable(key), e);
        }
    }

    private static String decodeBookmark(String bookmark, String prefix) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(bookmark), UTF_8);
            if (key.startsWith(prefix)) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below
        }
        throw new FlChaincodeException(ErrorCode.INVALID_ARGUMENT, "bookmark does not belong to this listing");
    }

    private static int compareAsUtf8(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    static String printable(String key) {
        return key.replace('\u0000', '~');
    }
}
