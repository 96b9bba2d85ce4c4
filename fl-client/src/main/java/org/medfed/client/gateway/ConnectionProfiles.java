package org.medfed.client.gateway;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Finds the connection profiles in a directory. */
public final class ConnectionProfiles {

    private ConnectionProfiles() {}

    /** Every {@code *.properties} profile in {@code dir}, sorted by name. */
    public static List<ConnectionProfile> list(Path dir) throws ProfileException {
        return list(dir, "*.properties");
    }

    /** The profiles whose file name matches {@code glob} (for example {@code *-admin.properties}), sorted by name. */
    public static List<ConnectionProfile> list(Path dir, String glob) throws ProfileException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new ProfileException("no profiles directory at " + absolute
                    + ": start the network (`network/network.sh up`) or point to the right directory");
        }
        List<ConnectionProfile> profiles = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(absolute, glob)) {
            for (Path file : files) {
                profiles.add(ConnectionProfile.load(file));
            }
        } catch (IOException e) {
            throw new ProfileException("cannot list profiles in " + absolute + ": " + e.getMessage(), e);
        }
        profiles.sort(Comparator.comparing(ConnectionProfile::name)
                .thenComparing(p -> p.source().getFileName().toString()));
        return List.copyOf(profiles);
    }
}
