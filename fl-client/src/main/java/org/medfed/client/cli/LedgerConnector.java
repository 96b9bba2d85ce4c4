package org.medfed.client.cli;

import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.ProfileException;

/** Opens a ledger client for a profile; tests pass a fake instead of {@link GatewayConnection#open}. */
@FunctionalInterface
public interface LedgerConnector {
    LedgerClient open(ConnectionProfile profile) throws ProfileException;
}
