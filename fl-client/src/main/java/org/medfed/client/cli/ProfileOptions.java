package org.medfed.client.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the connection profiles live. */
public final class ProfileOptions {

    @Option(
            names = "--profiles-dir",
            paramLabel = "DIR",
            defaultValue = "${env:MEDFED_PROFILES_DIR:-network/data/profiles}",
            description = "Directory of <org>-<user>.properties connection profiles "
                    + "(env MEDFED_PROFILES_DIR; default: ${DEFAULT-VALUE}).")
    private Path profilesDir;

    public Path profilesDir() {
        return profilesDir;
    }
}
