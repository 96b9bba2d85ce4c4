package org.medfed.client.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Deploys the example node configurations under a temporary root, for tests. */
public final class ExampleDeployment {

    private ExampleDeployment() {}

    /** Writes an example with its deployment paths moved under the temporary root, and creates those files. */
    public static Path deploy(Path root, String example) throws IOException {
        String text = resource("/examples/" + example)
                .replace("/etc/medfed/", root.resolve("etc") + "/")
                .replace("/var/lib/medfed/", root.resolve("var") + "/");
        for (String org : new String[] {"hospital", "clinic", "wearable"}) {
            for (String pem : new String[] {"msp/signcerts/cert.pem", "msp/keystore/priv_sk", "tls/ca.crt"}) {
                Path file = root.resolve("etc").resolve(org).resolve(pem);
                Files.createDirectories(file.getParent());
                Files.writeString(file, "-----BEGIN PLACEHOLDER-----\n");
            }
        }
        Path data = Files.createDirectories(root.resolve("var/data"));
        Files.createDirectories(root.resolve("var/inbox"));
        for (String mapping : new String[] {"mapping-heart-disease-4sites.json", "mapping-maternal-health-risk.json"}) {
            Files.writeString(data.resolve(mapping), resource("/examples/" + mapping));
        }
        Path table = data.resolve("heart_disease_uci_4sites.csv");
        if (!Files.exists(table)) {
            Files.copy(repoData("heart_disease_uci_4sites.csv"), table);
        }
        Path conf = Files.createDirectories(root.resolve("conf"));
        return Files.writeString(conf.resolve(example), text);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ExampleDeployment.class.getResourceAsStream(name)) {
            return new String(Optional.ofNullable(in).orElseThrow().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path repoData(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("data").resolve(name))) {
                return dir.resolve("data").resolve(name);
            }
        }
        throw new IllegalStateException("data/" + name + " not found");
    }
}
