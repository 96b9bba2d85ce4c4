package org.medfed.client.console;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A page request: its path and decoded query parameters (the first value of each). */
public record Request(String path, Map<String, String> query) {

    public Request {
        query = Map.copyOf(query);
    }

    public static Request of(URI uri) {
        Map<String, String> query = new TreeMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.putIfAbsent(name, value);
            }
        }
        return new Request(uri.getPath() == null ? "/" : uri.getPath(), query);
    }

    /** A parameter the page cannot do without: 400 when it is missing or blank. */
    public String required(String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new HttpError(400, "this page needs the parameter \"" + name + "\"");
        }
        return value.strip();
    }

    public Optional<String> optional(String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** A round number: 400 unless a whole number from 1. */
    public long round(String name) {
        String value = required(name);
        try {
            long round = Long.parseLong(value);
            if (round >= 1) {
                return round;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HttpError(400, "\"" + name + "\" must be a round number from 1, got \"" + value + "\"");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "the address is not properly encoded");
        }
    }
}
