package org.medfed.chaincode.ledger;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One page of a listing, in ledger key order, and the bookmark of the next page: empty when this is the last.
 * Bookmarks are opaque to clients (base64url of the next key), so they survive a command line.
 */
public record Page<T>(List<T> items, String bookmark) {

    public Page {
        items = List.copyOf(items);
    }

    public Map<String, Object> toJson(Function<T, Object> item) {
        return Map.of("items", items.stream().map(item).toList(), "bookmark", bookmark, "count", (long) items.size());
    }
}
