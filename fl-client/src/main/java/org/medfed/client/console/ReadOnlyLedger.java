package org.medfed.client.console;

import java.util.Objects;
import java.util.OptionalLong;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.medfed.client.gateway.ChaincodeEventSource;
import org.medfed.client.gateway.ErrorMapper;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;

/**
 * The console's only way to the ledger: evaluations and events pass through, every submit is refused here, before
 * anything reaches a peer, so no page, link or request can write to the ledger whatever its code does.
 */
public final class ReadOnlyLedger implements LedgerClient, ChaincodeEventSource {

    /** The code of the refusal, for a test and a log line. */
    public static final String READ_ONLY = "READ_ONLY";

    private final LedgerClient ledger;
    private final ChaincodeEventSource events;

    public ReadOnlyLedger(LedgerClient ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.events = ledger instanceof ChaincodeEventSource source ? source : null;
    }

    @Override
    public byte[] evaluate(String transaction, String... args) throws MedfedException {
        return ledger.evaluate(transaction, args);
    }

    @Override
    public byte[] submit(String transaction, String... args) throws MedfedException {
        throw new MedfedException(
                READ_ONLY, "the console only reads the ledger; it refused to submit " + transaction, null);
    }

    /** Whether chaincode events can be followed (live pages); a test's fake ledger has none. */
    public boolean hasEvents() {
        return events != null;
    }

    @Override
    public CloseableIterator<ChaincodeEvent> chaincodeEvents(OptionalLong startBlock) {
        return source().chaincodeEvents(startBlock);
    }

    @Override
    public ErrorMapper errorMapper() {
        return source().errorMapper();
    }

    private ChaincodeEventSource source() {
        if (events == null) {
            throw new IllegalStateException("this ledger connection cannot stream events");
        }
        return events;
    }

    @Override
    public void close() {
        ledger.close();
    }
}
