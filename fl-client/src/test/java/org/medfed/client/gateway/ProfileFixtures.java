package org.medfed.client.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Writes profile files the way network/scripts/profiles.sh does, with a real test certificate and key. */
public final class ProfileFixtures {

    private ProfileFixtures() {}

    /** The keys of a valid profile for {@code org}, paths relative to the profile's directory. */
    public static Map<String, String> validKeys(String org, String mspId, int peerPort) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("name", org + "-admin");
        keys.put("mspId", mspId);
        keys.put("peerEndpoint", "127.0.0.1:" + peerPort);
        keys.put("tlsCaCert", "../pki/cert.pem");
        keys.put("certificate", "../pki/cert.pem");
        keys.put("privateKey", "../pki/key.pem");
        keys.put("channel", "medfed");
        keys.put("chaincode", "medfed");
        keys.put("ipfsApi", "http://127.0.0.1:7055");
        return keys;
    }

    /** Creates {@code root/profiles/<fileName>} and the PEM files it points to under {@code root/pki}. */
    public static Path write(Path root, String fileName, Map<String, String> keys) throws IOException {
        Path pki = Files.createDirectories(root.resolve("pki"));
        copyResource("/pki/cert.pem", pki.resolve("cert.pem"));
        copyResource("/pki/key.pem", pki.resolve("key.pem"));
        Path file = Files.createDirectories(root.resolve("profiles")).resolve(fileName);
        StringBuilder text = new StringBuilder("# test profile\n");
        keys.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text);
        return file;
    }

    private static void copyResource(String resource, Path target) throws IOException {
        if (Files.exists(target)) {
            return;
        }
        try (InputStream in = Objects.requireNonNull(ProfileFixtures.class.getResourceAsStream(resource), resource)) {
            Files.copy(in, target);
        }
    }
}
