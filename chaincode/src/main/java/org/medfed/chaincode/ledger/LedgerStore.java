package org.medfed.chaincode.ledger;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;

/**
 * Typed access to the world state for one transaction. Records are stored as canonical JSON, so every endorser
 * writes the same bytes; create one store per transaction.
 */
public final class LedgerStore {
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
        try {
            return Optional.of(decoder.apply(JsonFields.object(CanonicalJson.parseUtf8(stored))));
        } catch (IllegalArgumentException e) {
            throw new FlChaincodeException(ErrorCode.INTERNAL, "unreadable record under " + printable(key), e);
        }
    }

    /** Stores the record and returns the exact bytes written, for use as an event payload or result. */
    public byte[] put(String key, JsonRecord record) {
        byte[] json = CanonicalJson.encodeUtf8(record.toJson());
        stub.putState(key, json);
        return json;
    }

    /** Sets the transaction's event; a second one would silently replace the first on the peer, so it is refused. */
    public void emit(String eventName, byte[] payload) {
        if (eventEmitted) {
            throw new FlChaincodeException(ErrorCode.INTERNAL, "a transaction emits at most one event");
        }
        eventEmitted = true;
        stub.setEvent(eventName, payload);
    }

    private static String printable(String key) {
        return key.replace('\u0000', '~');
    }
}
