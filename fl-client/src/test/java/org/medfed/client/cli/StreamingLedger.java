package org.medfed.client.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.medfed.client.gateway.ChaincodeEventSource;
import org.medfed.client.gateway.ErrorMapper;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;

/** A {@link ScriptedLedger} that also streams scripted events (then the stream ends), recording each start block. */
final class StreamingLedger implements LedgerClient, ChaincodeEventSource {

    record Event(String name, byte[] payload, long block, String txId) implements ChaincodeEvent {
        @Override
        public long getBlockNumber() {
            return block;
        }

        @Override
        public String getTransactionId() {
            return txId;
        }

        @Override
        public String getChaincodeName() {
            return "medfed";
        }

        @Override
        public String getEventName() {
            return name;
        }

        @Override
        public byte[] getPayload() {
            return payload.clone();
        }
    }

    private final ScriptedLedger ledger;
    final List<Event> events;
    final List<OptionalLong> starts = new ArrayList<>();
    RuntimeException failure;
    boolean streamClosed;

    StreamingLedger(ScriptedLedger ledger, List<Event> events) {
        this.ledger = ledger;
        this.events = events;
    }

    @Override
    public CloseableIterator<ChaincodeEvent> chaincodeEvents(OptionalLong startBlock) {
        starts.add(startBlock);
        Iterator<Event> source = List.copyOf(events).iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                if (failure != null && !source.hasNext()) {
                    throw failure;
                }
                return source.hasNext();
            }

            @Override
            public ChaincodeEvent next() {
                return source.next();
            }

            @Override
            public void close() {
                streamClosed = true;
            }
        };
    }

    @Override
    public ErrorMapper errorMapper() {
        return new ErrorMapper("127.0.0.1:7051");
    }

    @Override
    public byte[] evaluate(String transaction, String... args) throws MedfedException {
        return ledger.evaluate(transaction, args);
    }

    @Override
    public byte[] submit(String transaction, String... args) throws MedfedException {
        return ledger.submit(transaction, args);
    }

    @Override
    public void close() {
        ledger.close();
    }
}
