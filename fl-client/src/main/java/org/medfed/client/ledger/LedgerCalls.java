package org.medfed.client.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

/** Evaluates reads and submits writes through a {@link LedgerClient}, decoding the chaincode's canonical JSON. */
final class LedgerCalls {

    /** Largest page the chaincode serves ({@code Args.MAX_PAGE_SIZE}). */
    static final int MAX_PAGE_SIZE = 100;
    /** {@code --all} gives up after this many pages rather than loop on a misbehaving peer. */
    private static final int MAX_PAGES = 100_000;

    private final LedgerClient client;

    LedgerCalls(LedgerClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    <T> Reply<T> evaluate(Function<Map<String, Object>, T> decoder, String transaction, String... args)
            throws MedfedException {
        return decode(transaction, client.evaluate(transaction, args), decoder);
    }

    <T> Reply<T> submit(Function<Map<String, Object>, T> decoder, String transaction, String... args)
            throws MedfedException {
        return decode(transaction, client.submit(transaction, args), decoder);
    }

    /** One page of {@code transaction(args…, pageSize, bookmark)}. */
    <T> Reply<Page<T>> page(
            Function<Map<String, Object>, T> item, String transaction, int pageSize, String bookmark, String... args)
            throws MedfedException {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be from 1 to " + MAX_PAGE_SIZE + ", got " + pageSize);
        }
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = Integer.toString(pageSize);
        all[args.length + 1] = bookmark == null ? "" : bookmark;
        return evaluate(json -> pageOf(json, item), transaction, all);
    }

    /**
     * Every page, following bookmarks; the JSON is one page-shaped object {@code {"items", "bookmark": "", "count"}}
     * holding every item, in canonical form.
     */
    <T> Reply<Page<T>> all(Function<Map<String, Object>, T> item, String transaction, int pageSize, String... args)
            throws MedfedException {
        List<T> items = new ArrayList<>();
        List<Object> rawItems = new ArrayList<>();
        String bookmark = "";
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            Reply<Page<T>> page = page(item, transaction, pageSize, bookmark, args);
            items.addAll(page.value().items());
            rawItems.addAll(JsonFields.list(JsonFields.object(CanonicalJson.parse(page.json())), "items"));
            if (page.value().isLast()) {
                Map<String, Object> merged = new LinkedHashMap<>();
                merged.put("items", rawItems);
                merged.put("bookmark", "");
                merged.put("count", (long) rawItems.size());
                return new Reply<>(new Page<>(items, ""), CanonicalJson.encode(merged));
            }
            if (page.value().bookmark().equals(bookmark)) {
                throw unreadable(transaction, "the same bookmark came back twice", null);
            }
            bookmark = page.value().bookmark();
        }
        throw unreadable(transaction, "more than " + MAX_PAGES + " pages", null);
    }

    private static <T> Page<T> pageOf(Map<String, Object> json, Function<Map<String, Object>, T> item) {
        List<T> items = JsonFields.objects(json, "items").stream().map(item).toList();
        return new Page<>(items, JsonFields.string(json, "bookmark"));
    }

    private static <T> Reply<T> decode(String transaction, byte[] answer, Function<Map<String, Object>, T> decoder)
            throws MedfedException {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(answer))
                    .toString();
        } catch (CharacterCodingException e) {
            throw unreadable(transaction, "not UTF-8", e);
        }
        try {
            return new Reply<>(decoder.apply(JsonFields.object(CanonicalJson.parse(text))), text);
        } catch (IllegalArgumentException e) {
            throw unreadable(transaction, e.getMessage(), e);
        }
    }

    /** A client-side INTERNAL failure: the chaincode and this client disagree about a record's shape. */
    private static MedfedException unreadable(String transaction, String problem, Exception cause) {
        return new MedfedException(
                MedfedException.INTERNAL,
                "cannot read the answer to " + transaction + " (" + problem
                        + "); is the deployed chaincode the same version as this client?",
                null,
                cause);
    }
}
