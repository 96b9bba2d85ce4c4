package org.medfed.client.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.LedgerConnector;
import org.medfed.client.gateway.ProfileException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which identity a ledger command acts as: {@code --profile NAME} is {@code <profiles-dir>/NAME.properties}; and a
 * connection to the ledger as it ({@link #open()}). A mixin picocli creates through {@link ServiceFactory}.
 */
public final class ProfileChoice {

    static final String SUFFIX = ".properties";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    @Mixin
    private ProfileOptions profiles;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            defaultValue = "${env:MEDFED_PROFILE}",
            description = "Identity to act as: the profile NAME.properties in --profiles-dir, such as "
                    + "hospital-admin or clinic-user1 (env MEDFED_PROFILE).")
    private String name;

    private final LedgerConnector connector;

    ProfileChoice(LedgerConnector connector) {
        this.connector = connector;
    }

    public Path profilesDir() {
        return profiles.profilesDir();
    }

    /** The chosen profile, or an error saying which profiles there are. */
    public ConnectionProfile load() throws ProfileException {
        if (name == null || name.isBlank()) {
            throw new ProfileException(
                    "no identity chosen: pass --profile NAME or set MEDFED_PROFILE" + available(profilesDir()));
        }
        return load(profilesDir(), name, "--profile");
    }

    /** A ledger connection as the chosen profile. */
    public LedgerClient open() throws ProfileException {
        return connector.open(load());
    }

    /** The profile {@code name} in {@code dir}; {@code option} names the option in errors. */
    static ConnectionProfile load(Path dir, String name, String option) throws ProfileException {
        String bare = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
        if (!NAME.matcher(bare).matches()) {
            throw new ProfileException(option + " takes a profile name such as hospital-admin, not \"" + name
                    + "\" (choose the directory with --profiles-dir)" + available(dir));
        }
        Path file = dir.resolve(bare + SUFFIX);
        if (!Files.isRegularFile(file)) {
            throw new ProfileException(
                    "no profile \"" + bare + "\" (" + file.toAbsolutePath().normalize() + ")" + available(dir));
        }
        return ConnectionProfile.load(file);
    }

    /** "; available: a, b" or why there are none. */
    static String available(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            return "; there is no profiles directory at " + absolute
                    + " (start the network with `network/network.sh up`, or pass --profiles-dir)";
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(absolute, "*" + SUFFIX)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                names.add(fileName.substring(0, fileName.length() - SUFFIX.length()));
            }
        } catch (IOException e) {
            return "; cannot list " + absolute + ": " + e.getMessage();
        }
        if (names.isEmpty()) {
            return "; " + absolute + " holds no *" + SUFFIX + " profiles (start the network with "
                    + "`network/network.sh up`, or pass --profiles-dir)";
        }
        names.sort(null);
        return "; available in " + absolute + ": " + String.join(", ", names);
    }
}
