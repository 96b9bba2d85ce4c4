package org.medfed.client.gateway;

/** Opens a ledger client for a profile; tests pass a fake instead of {@link GatewayConnection#open}. */
@FunctionalInterface
public interface LedgerConnector {
    LedgerClient open(ConnectionProfile profile) throws ProfileException;
}
