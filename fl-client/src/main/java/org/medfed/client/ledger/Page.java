package org.medfed.client.ledger;

import java.util.List;

/** One page of a ledger listing, in ledger key order; an empty {@code bookmark} means there is no next page. */
public record Page<T>(List<T> items, String bookmark) {
    public Page {
        items = List.copyOf(items);
        bookmark = bookmark == null ? "" : bookmark;
    }

    public boolean isLast() {
        return bookmark.isEmpty();
    }
}
