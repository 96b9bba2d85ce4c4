package org.medfed.client.ledger;

import java.util.Objects;

/**
 * What the ledger answered: the decoded value, and the JSON text exactly as the chaincode returned it (what
 * {@code --json} prints).
 */
public record Reply<T>(T value, String json) {
    public Reply {
        Objects.requireNonNull(json, "json");
    }
}
