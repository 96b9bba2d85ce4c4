package org.medfed.client.ipfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.Cids;

/**
 * Against a real, throwaway Kubo: its own repo in a temp directory, offline, API on a free loopback port.
 * It never touches the nodes that network/network.sh starts. A missing binary fails the suite.
 */
class KuboBlobStoreIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private static Path binary;
    private static Path home;
    private static Process daemon;
    private static KuboBlobStore store;

    @BeforeAll
    static void startThrowawayKubo() throws Exception {
        binary = findBinary();
        home = Files.createTempDirectory("medfed-kubo-it");
        int apiPort = freePort();
        ipfs("init", "--profile=test");
        ipfs("config", "Addresses.API", "/ip4/127.0.0.1/tcp/" + apiPort);
        ipfs("config", "--json", "Addresses.Gateway", "[]");
        ipfs("config", "--json", "Addresses.Swarm", "[\"/ip4/127.0.0.1/tcp/0\"]");
        ipfs("config", "Routing.Type", "none");
        ipfs("config", "--json", "AutoConf.Enabled", "false");
        ipfs("config", "--json", "Bootstrap", "[]");
        ipfs("config", "--json", "Provide.Enabled", "false");
        // Node defaults that would change CIDs if our fixed add parameters did not override them.
        ipfs("config", "--json", "Import.CidVersion", "0");
        ipfs("config", "Import.UnixFSChunker", "size-1048576");
        daemon = command("daemon", "--offline", "--migrate=false")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("daemon.log").toFile())
                .start();
        store = new KuboBlobStore(URI.create("http://127.0.0.1:" + apiPort), Duration.ofSeconds(10));
        awaitApi();
    }

    @AfterAll
    static void stopThrowawayKubo() throws Exception {
        if (store != null) {
            store.close();
        }
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (home != null) {
            try (var paths = Files.walk(home)) {
                paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void smallBlobGetsTheRawLeafCidThatFlCommonComputes() throws Exception {
        byte[] data = "medfed update 1".getBytes(StandardCharsets.UTF_8);

        BlobRef ref = store.add(data);

        assertThat(ref.cid()).isEqualTo(Cids.rawLeafCidV1(data));
        assertThat(ref.sha256Hex()).isEqualTo(BlobStore.sha256Hex(data));
        assertThat(ref.size()).isEqualTo(data.length);
    }

    @Test
    void largeBlobIsChunkedWithOurChunkerNotTheNodesAndRoundTrips() throws Exception {
        byte[] data = new byte[300 * 1024];
        new Random(42).nextBytes(data);

        BlobRef ref = store.add(data);

        // With the node's 1 MiB chunker this would be one raw leaf; with ours it is a dag-pb root over two leaves.
        assertThat(ref.cid()).startsWith("bafybei").isNotEqualTo(Cids.rawLeafCidV1(data));
        assertThat(store.cat(ref.cid(), data.length)).isEqualTo(data);
        assertThat(store.fetchVerified(ref)).isEqualTo(data);
        assertThatThrownBy(() -> store.cat(ref.cid(), data.length - 1)).hasMessageContaining("over the limit");
    }

    @Test
    void addPinsAndPinIsIdempotent() throws Exception {
        BlobRef ref = store.add("pin me".getBytes(StandardCharsets.UTF_8));

        store.pin(ref.cid());

        assertThat(ipfs("pin", "ls", "--type=recursive", ref.cid())).contains(ref.cid());
    }

    @Test
    void unpinAndGarbageCollectionDeleteABlobAndASecondUnpinIsNoError() throws Exception {
        byte[] data = new byte[300 * 1024];
        new Random(17).nextBytes(data);
        BlobRef ref = store.add(data);
        long before = store.repoSizeBytes();
        assertThat(store.pins()).contains(ref.cid());

        store.unpin(ref.cid());
        store.unpin(ref.cid());
        long removed = store.collectGarbage();

        assertThat(store.pins()).doesNotContain(ref.cid());
        // a dag-pb root over two raw leaves: three blocks
        assertThat(removed).isGreaterThanOrEqualTo(3);
        assertThat(store.repoSizeBytes()).isLessThan(before);
        assertThatThrownBy(() -> store.localOnly().cat(ref.cid(), data.length)).hasMessageContaining(ref.cid());
    }

    @Test
    void garbageCollectionKeepsWhatIsPinnedAndALocalReadFindsIt() throws Exception {
        BlobRef kept = store.add("kept".getBytes(StandardCharsets.UTF_8));

        store.collectGarbage();

        assertThat(store.localOnly().cat(kept.cid(), 100)).isEqualTo("kept".getBytes(StandardCharsets.UTF_8));
        assertThat(store.pins()).contains(kept.cid());
    }

    @Test
    void unknownCidFailsWithKubosOwnMessage() {
        String absent = Cids.rawLeafCidV1("never added".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> store.cat(absent, 100))
                .isInstanceOf(BlobStoreException.class)
                .hasMessageContaining("could not cat " + absent)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void reportsIdentityAndVersion() throws Exception {
        assertThat(store.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(store.id().peerId()).isNotBlank();
    }

    private static Path findBinary() {
        String override = System.getenv("MEDFED_IPFS_BIN");
        if (override != null && !override.isBlank()) {
            return requireExecutable(Path.of(override));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".tools/bin/ipfs");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("Kubo binary not found: expected .tools/bin/ipfs in the repository (install it with "
                + "network/install-binaries.sh) or set MEDFED_IPFS_BIN. This integration test never skips.");
    }

    private static Path requireExecutable(Path path) {
        if (!Files.isExecutable(path)) {
            return fail("MEDFED_IPFS_BIN=" + path + " is not an executable file");
        }
        return path;
    }

    private static ProcessBuilder command(String... args) {
        List<String> line = new ArrayList<>(List.of(binary.toString()));
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line);
        builder.environment().put("IPFS_PATH", home.resolve("repo").toString());
        builder.environment().put("IPFS_TELEMETRY", "off");
        return builder;
    }

    private static String ipfs(String... args) throws IOException, InterruptedException {
        Process process = command(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("ipfs " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    private static void awaitApi() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        BlobStoreException last = null;
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                fail("the throwaway Kubo daemon exited with " + daemon.exitValue() + ": " + log());
            }
            try {
                store.version();
                return;
            } catch (BlobStoreException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        fail("the throwaway Kubo API did not answer within " + STARTUP + " (" + last.getMessage() + "): " + log());
    }

    private static String log() throws IOException {
        return Files.readString(home.resolve("daemon.log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
