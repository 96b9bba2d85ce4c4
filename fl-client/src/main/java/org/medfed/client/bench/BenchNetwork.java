package org.medfed.client.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.medfed.client.federation.ProcessMemory;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.LedgerEngine;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileException;

/**
 * The running local network as {@code network/network.sh up} and {@code deploy} left it, seen from its profiles
 * folder: the data folder around it ({@code crypto/}, {@code pids/}), the organisations in join order
 * ({@code orgs.list}) with their admin and User1 profiles, the ledger engine, and the processes the scripts started
 * (their PID files, tagged {@code MEDFED_PROCESS=<name>}).
 */
record BenchNetwork(Path dataDir, String engine, List<Org> orgs) {

    /** One organisation: its name as network.config spells it, and the profiles {@code up} wrote for it. */
    record Org(String name, ConnectionProfile admin, ConnectionProfile user1) {
        String slug() {
            return name.toLowerCase(Locale.ROOT);
        }

        String mspId() {
            return user1.mspId();
        }

        String chaincodeProcess() {
            return "chaincode-" + slug();
        }
    }

    BenchNetwork {
        orgs = List.copyOf(orgs);
    }

    private static final String START = "start it with `network/network.sh up && network/network.sh deploy`, or point"
            + " --profiles-dir at a running network's profiles";

    /**
     * The network whose profiles are in {@code profilesDir}; its data folder is the parent, as the scripts lay it out.
     *
     * @throws ProfileException when there is no network there (nothing up, or no profiles of an organisation)
     */
    static BenchNetwork load(Path profilesDir) throws ProfileException {
        Path profiles = profilesDir.toAbsolutePath().normalize();
        Path dataDir = profiles.getParent();
        Path orgsList = dataDir == null ? null : dataDir.resolve("orgs.list");
        if (!Files.isDirectory(profiles) || orgsList == null || !Files.isRegularFile(orgsList)) {
            throw new ProfileException("no network here: " + profiles + " is not the profiles folder of a local network"
                    + " (its parent has no orgs.list); " + START);
        }
        List<Org> orgs = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(orgsList, UTF_8)) {
                String name = line.strip();
                if (!name.isEmpty()) {
                    String slug = name.toLowerCase(Locale.ROOT);
                    orgs.add(new Org(
                            name,
                            ConnectionProfile.load(profiles.resolve(slug + "-admin.properties")),
                            ConnectionProfile.load(profiles.resolve(slug + "-user1.properties"))));
                }
            }
        } catch (IOException e) {
            throw new ProfileException("cannot read " + orgsList + ": " + e.getMessage(), e);
        }
        if (orgs.isEmpty()) {
            throw new ProfileException(orgsList + " names no organisation; " + START);
        }
        return new BenchNetwork(dataDir, LedgerEngine.of(orgs.get(0).user1()), orgs);
    }

    /**
     * Every organisation's chaincode server is running (the process its PID file names, tagged with its name).
     *
     * @throws MedfedException UNAVAILABLE naming the servers that are not
     */
    void requireChaincodeServers() throws MedfedException {
        List<String> missing = new ArrayList<>();
        for (Org org : orgs) {
            if (pid(org.chaincodeProcess()).isEmpty()) {
                missing.add(org.chaincodeProcess());
            }
        }
        if (!missing.isEmpty()) {
            throw new MedfedException(
                    MedfedException.UNAVAILABLE,
                    "the network at " + dataDir + " runs no " + String.join(", ", missing)
                            + ": deploy the chaincode with `network/network.sh deploy` (or bring the network up"
                            + " again: `network/network.sh up`)",
                    null);
        }
    }

    /** Peak resident memory (VmHWM, KiB) of each organisation's chaincode server, by organisation; absent if gone. */
    Map<String, Long> chaincodePeakRssKiB() {
        Map<String, Long> peaks = new TreeMap<>();
        for (Org org : orgs) {
            peakRssKiB(org.chaincodeProcess()).ifPresent(kib -> peaks.put(org.name(), kib));
        }
        return peaks;
    }

    /**
     * Resets the peak resident memory of every running process the scripts started, so the peaks read afterwards are
     * this run's and not the high-water mark of earlier runs on the same network; false if any could not be reset.
     */
    boolean resetPeakRss() {
        boolean all = true;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir.resolve("pids"), "*.pid")) {
            for (Path file : files) {
                OptionalLong pid = pid(file.getFileName().toString().replaceFirst("\\.pid$", ""));
                if (pid.isPresent()) {
                    all &= ProcessMemory.resetPeak(pid.getAsLong());
                }
            }
        } catch (IOException e) {
            return false;
        }
        return all;
    }

    /** Peak resident memory (KiB) of every running process the scripts started (ledger, peers, Kubo, chaincode). */
    Map<String, Long> processPeakRssKiB() {
        Map<String, Long> peaks = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir.resolve("pids"), "*.pid")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                peakRssKiB(name).ifPresent(kib -> peaks.put(name, kib));
            }
        } catch (IOException e) {
            // no run files: nothing to report
        }
        return peaks;
    }

    private OptionalLong peakRssKiB(String process) {
        OptionalLong pid = pid(process);
        return pid.isPresent() ? ProcessMemory.peakRssKiB(pid.getAsLong()) : OptionalLong.empty();
    }

    /** The PID of the live process the scripts started as {@code name} (a recycled PID does not count). */
    OptionalLong pid(String name) {
        try {
            long pid = Long.parseLong(Files.readString(dataDir.resolve("pids/" + name + ".pid"), UTF_8)
                    .strip());
            String environ = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), UTF_8);
            for (String variable : environ.split("\0")) {
                if (variable.equals("MEDFED_PROCESS=" + name)) {
                    return OptionalLong.of(pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no PID file, a malformed one, or the process is gone
        }
        return OptionalLong.empty();
    }
}
