package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.ErrorMapper;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileFixtures;
import org.medfed.client.ipfs.BlobStoreFactory;
import picocli.CommandLine;

/**
 * Runs medfed commands through {@link CommandLine#execute} against a {@link ScriptedLedger}, with profiles
 * hospital-admin, hospital-user1 and clinic-admin written the way network/scripts/profiles.sh writes them.
 */
final class LedgerCli {

    final Path root;
    final Path profilesDir;
    final ScriptedLedger ledger = new ScriptedLedger();
    /** The Kubo nodes of every profile. */
    final FakeBlobs blobs = new FakeBlobs();
    /** How commands reach IPFS nodes: the fake nodes above, unless a test points them at a fake Kubo server. */
    BlobStoreFactory blobStores = blobs;
    /** When set, connections also stream these events. */
    StreamingLedger streaming;
    /** The profiles the commands opened a connection with, in order. */
    final List<ConnectionProfile> opened = new ArrayList<>();

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    LedgerCli(Path root) throws Exception {
        this.root = root;
        writeProfile("hospital-admin", "HospitalMSP", 7051);
        writeProfile("hospital-user1", "HospitalMSP", 7051);
        writeProfile("clinic-admin", "ClinicMSP", 8051);
        this.profilesDir = root.resolve("profiles");
    }

    private void writeProfile(String name, String mspId, int port) throws Exception {
        Map<String, String> keys = ProfileFixtures.validKeys("unused", mspId, port);
        keys.put("name", name);
        keys.put("ipfsApi", "http://127.0.0.1:" + (port + 4));
        ProfileFixtures.write(root, name + ".properties", keys);
    }

    /** Runs {@code args} as is. */
    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CliServices services = CliServices.ledger(
                        profile -> {
                            opened.add(profile);
                            return streaming != null ? streaming : ledger;
                        },
                        System::nanoTime)
                .withBlobStores(blobStores);
        CommandLine cli = new CommandLine(new MedfedCommand(), new ServiceFactory(services));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Runs {@code args} as the profile {@code profile} of the test profiles directory. */
    int as(String profile, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--profiles-dir", profilesDir.toString(), "--profile", profile));
        return run(all.toArray(String[]::new));
    }

    /** Connections stream {@code events} after the scripted answers' calls; returns the stream's fake. */
    StreamingLedger streams(List<StreamingLedger.Event> events) {
        streaming = new StreamingLedger(ledger, events);
        return streaming;
    }

    /** Runs {@code args} as hospital-admin. */
    int admin(String... args) {
        return as("hospital-admin", args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** The one call the command made. */
    ScriptedLedger.Call onlyCall() {
        assertThat(ledger.calls).hasSize(1);
        return ledger.calls.get(0);
    }

    /** The label/value row of a fields table whose label is {@code label}: the value, spaces trimmed. */
    String field(String label) {
        return out().lines()
                .filter(line -> line.startsWith(label + "  "))
                .map(line -> line.substring(label.length()).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no field '" + label + "' in:\n" + out()));
    }

    static MedfedException unreachable() {
        return new ErrorMapper("127.0.0.1:7051")
                .map(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
    }

    static MedfedException refused(String code, String message) {
        return MedfedException.fromChaincode(code, message, "tx42", null);
    }
}
