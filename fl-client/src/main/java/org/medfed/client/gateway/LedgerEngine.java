package org.medfed.client.gateway;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Which ledger engine serves a profile's peer endpoint: the optional {@code ledgerEngine} key that
 * network/scripts/profiles.sh writes ({@code embedded} or {@code fabric}). Profiles written before engines existed
 * have none: they were Fabric's. Only reported (ping, demo); nothing else depends on it, and ConnectionProfile
 * ignores the key.
 */
public final class LedgerEngine {

    static final String KEY = "ledgerEngine";
    static final String DEFAULT = "fabric";

    private LedgerEngine() {}

    /** The engine named by the profile's file, {@value #DEFAULT} when it names none or cannot be read again. */
    public static String of(ConnectionProfile profile) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(profile.source(), StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return DEFAULT;
        }
        String engine = props.getProperty(KEY, "").strip();
        return engine.isEmpty() ? DEFAULT : engine;
    }

    /** The engines of several profiles, as one phrase: "embedded", or "embedded, fabric" when they differ. */
    public static String of(Collection<ConnectionProfile> profiles) {
        TreeSet<String> engines = new TreeSet<>();
        profiles.forEach(p -> engines.add(of(p)));
        return String.join(", ", engines);
    }
}
