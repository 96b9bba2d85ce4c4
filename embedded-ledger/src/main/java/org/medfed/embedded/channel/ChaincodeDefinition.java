package org.medfed.embedded.channel;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The committed chaincode definition: what {@code network.sh deploy} writes for the embedded engine (name, version,
 * sequence), the counterpart of Fabric's {@code _lifecycle} definition. Every organisation's server runs it.
 */
public record ChaincodeDefinition(String name, String version, long sequence) {

    /** The definition in {@code file}, or null when nothing is deployed yet. */
    public static ChaincodeDefinition read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chaincode definition " + file, e);
        }
        String name = p.getProperty("name");
        String version = p.getProperty("version");
        String sequence = p.getProperty("sequence");
        if (name == null || version == null || sequence == null) {
            throw new IllegalStateException(file + " must define name, version and sequence");
        }
        return new ChaincodeDefinition(name.strip(), version.strip(), Long.parseLong(sequence.strip()));
    }
}
