package org.medfed.client.gateway;

/** The two ledger calls everything else is built on; the seam that tests replace with a fake. */
public interface LedgerClient extends AutoCloseable {

    /** Runs a read-only transaction on one peer; nothing is ordered or committed. */
    byte[] evaluate(String transaction, String... args) throws MedfedException;

    /** Endorses, orders and waits for the commit of a transaction. */
    byte[] submit(String transaction, String... args) throws MedfedException;

    @Override
    void close();
}
