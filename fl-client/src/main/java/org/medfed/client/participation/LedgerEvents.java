package org.medfed.client.participation;

import java.util.Optional;
import org.medfed.client.gateway.MedfedException;

/** The chaincode events a node follows, resumable from a durable checkpoint. */
public interface LedgerEvents {

    /** One chaincode event: its name and the task it concerns, when its payload names one. */
    record Event(String name, Optional<String> taskId, long blockNumber, String transactionId) {}

    /** A live stream of events after the last checkpointed one; closing it stops the stream. */
    interface Subscription extends AutoCloseable {

        /** Blocks for the next event. */
        Event next() throws MedfedException, InterruptedException;

        /** Marks {@code event} handled, durably: after a restart the stream resumes after it. */
        void checkpoint(Event event) throws MedfedException;

        @Override
        void close();
    }

    Subscription subscribe() throws MedfedException;
}
