package org.medfed.embedded.testcc;

import com.owlike.genson.Genson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A chaincode that exercises each ledger call of the shim once, for tests of the embedded peer. Values are UTF-8
 * strings; an absent key reads as "" (the shim's answer for an empty payload). Lists come back as JSON.
 */
@Contract(name = "testcc")
@Default
public final class TestContract implements ContractInterface {

    /** Read by {@link #diverge}, so that two servers can answer the same proposal differently. */
    public static final String DIVERGE_ENV = "TESTCC_DIVERGE";

    private static final Genson JSON = new Genson();

    @Transaction
    public void put(Context ctx, String key, String value) {
        ctx.getStub().putState(key, utf8(value));
    }

    @Transaction
    public String get(Context ctx, String key) {
        return read(ctx.getStub(), key);
    }

    @Transaction
    public void del(Context ctx, String key) {
        ctx.getStub().delState(key);
    }

    /** Returns the value it read before writing. */
    @Transaction
    public String readThenWrite(Context ctx, String key, String value) {
        String old = read(ctx.getStub(), key);
        ctx.getStub().putState(key, utf8(value));
        return old;
    }

    /** Returns what it read after its own write: the committed value, as Fabric has no read-your-writes. */
    @Transaction
    public String readAfterWrite(Context ctx, String key, String value) {
        ctx.getStub().putState(key, utf8(value));
        return read(ctx.getStub(), key);
    }

    /** Every key in [start, end) as a JSON array; "" for end means no upper bound. */
    @Transaction
    public String range(Context ctx, String start, String end) throws Exception {
        List<String> keys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange(start, end)) {
            results.forEach(kv -> keys.add(kv.getKey()));
        }
        return JSON.serialize(keys);
    }

    /** The first {@code count} keys of [start, end), then closes the iterator: a range not read to its end. */
    @Transaction
    public String rangeFirst(Context ctx, String start, String end, int count) throws Exception {
        List<String> keys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getStateByRange(start, end)) {
            for (KeyValue kv : results) {
                if (keys.size() == count) {
                    break;
                }
                keys.add(kv.getKey());
            }
        }
        return JSON.serialize(keys);
    }

    /** One page: {"keys": [...], "bookmark": "...", "fetched": n}. */
    @Transaction
    public String rangePage(Context ctx, String start, String end, int pageSize, String bookmark) throws Exception {
        return page(ctx.getStub(), start, end, pageSize, bookmark);
    }

    /** Writes, then asks for a page: Fabric refuses paginated queries in a transaction that wrote. */
    @Transaction
    public String putThenRangePage(Context ctx, String key, String value, String start, String end, int pageSize)
            throws Exception {
        ctx.getStub().putState(key, utf8(value));
        return page(ctx.getStub(), start, end, pageSize, "");
    }

    /** History newest first: [{"txId": ..., "value": ..., "isDelete": ...}]. */
    @Transaction
    public String history(Context ctx, String key) throws Exception {
        List<Map<String, Object>> entries = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> results = ctx.getStub().getHistoryForKey(key)) {
            for (KeyModification modification : results) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("txId", modification.getTxId());
                entry.put("value", modification.getStringValue());
                entry.put("isDelete", modification.isDeleted());
                entries.add(entry);
            }
        }
        return JSON.serialize(entries);
    }

    /** A rich (CouchDB) query, which a LevelDB peer refuses. */
    @Transaction
    public String query(Context ctx, String selector) throws Exception {
        List<String> keys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = ctx.getStub().getQueryResult(selector)) {
            results.forEach(kv -> keys.add(kv.getKey()));
        }
        return JSON.serialize(keys);
    }

    @Transaction
    public void fail(Context ctx, String message) {
        throw new ChaincodeException(message, "FAILED");
    }

    @Transaction
    public void emit(Context ctx, String name, String payload) {
        ctx.getStub().setEvent(name, utf8(payload));
    }

    @Transaction
    public String diverge(Context ctx) {
        String value = System.getenv(DIVERGE_ENV);
        return value == null ? "" : value;
    }

    private static String page(ChaincodeStub stub, String start, String end, int pageSize, String bookmark)
            throws Exception {
        List<String> keys = new ArrayList<>();
        Map<String, Object> page = new LinkedHashMap<>();
        try (QueryResultsIteratorWithMetadata<KeyValue> results =
                stub.getStateByRangeWithPagination(start, end, pageSize, bookmark)) {
            results.forEach(kv -> keys.add(kv.getKey()));
            page.put("keys", keys);
            page.put("bookmark", results.getMetadata().getBookmark());
            page.put("fetched", results.getMetadata().getFetchedRecordsCount());
        }
        return JSON.serialize(page);
    }

    private static String read(ChaincodeStub stub, String key) {
        return new String(stub.getState(key), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
