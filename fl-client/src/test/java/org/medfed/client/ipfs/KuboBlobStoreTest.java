package org.medfed.client.ipfs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KuboBlobStoreTest {

    private static final String CID = "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq";
    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    private FakeKubo kubo;
    private KuboBlobStore store;

    @BeforeEach
    void start() throws IOException {
        kubo = new FakeKubo();
        store = new KuboBlobStore(kubo.api(), Duration.ofSeconds(7));
    }

    @AfterEach
    void stop() {
        store.close();
        kubo.close();
    }

    @Nested
    class Add {
        @Test
        void postsFixedImportParametersAndKeepsTheLocalSha256() throws Exception {
            kubo.on("add", FakeKubo.json(200, "{\"Name\":\"blob\",\"Hash\":\"" + CID + "\",\"Size\":\"5\"}\n"));

            BlobRef ref = store.add("hello".getBytes(UTF_8));

            assertThat(ref).isEqualTo(new BlobRef(CID, HELLO_SHA256, 5));
            FakeKubo.Request request = kubo.lastRequest();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/v0/add");
            assertThat(request.query())
                    .containsOnlyKeys(
                            "cid-version",
                            "raw-leaves",
                            "chunker",
                            "hash",
                            "max-file-links",
                            "trickle",
                            "pin",
                            "timeout");
            assertThat(request.param("cid-version")).isEqualTo("1");
            assertThat(request.param("raw-leaves")).isEqualTo("true");
            assertThat(request.param("chunker")).isEqualTo("size-262144");
            assertThat(request.param("hash")).isEqualTo("sha2-256");
            assertThat(request.param("max-file-links")).isEqualTo("174");
            assertThat(request.param("trickle")).isEqualTo("false");
            assertThat(request.param("pin")).isEqualTo("true");
            assertThat(request.param("timeout")).isEqualTo("7000ms");
        }

        @Test
        void framesTheBlobAsOneMultipartFilePart() throws Exception {
            kubo.on("add", FakeKubo.json(200, "{\"Hash\":\"" + CID + "\"}"));
            byte[] data = {0, 1, 2, '\r', '\n', '-', '-', (byte) 0xff};

            store.add(data);

            FakeKubo.Request request = kubo.lastRequest();
            String contentType = request.headers().getFirst("Content-Type");
            assertThat(contentType).startsWith("multipart/form-data; boundary=");
            String boundary = contentType.substring(contentType.indexOf('=') + 1);
            byte[] expected = concat(
                    ("--" + boundary + "\r\n"
                                    + "Content-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                                    + "Content-Type: application/octet-stream\r\n\r\n")
                            .getBytes(UTF_8),
                    data,
                    ("\r\n--" + boundary + "--\r\n").getBytes(UTF_8));
            assertThat(request.body()).isEqualTo(expected);
        }

        @Test
        void sendsNoBrowserHeaders() throws Exception {
            kubo.on("add", FakeKubo.json(200, "{\"Hash\":\"" + CID + "\"}"));

            store.add(new byte[0]);

            FakeKubo.Request request = kubo.lastRequest();
            assertThat(request.headers()).doesNotContainKeys("Origin", "Referer");
            assertThat(request.headers().getFirst("User-Agent")).doesNotStartWith("Mozilla");
        }

        @Test
        void takesTheLastHashOfTheStream() throws Exception {
            kubo.on(
                    "add",
                    FakeKubo.json(
                            200,
                            "{\"Name\":\"x\",\"Hash\":\"bafyleaf\"}\n{\"Name\":\"blob\",\"Hash\":\"" + CID + "\"}\n"));

            assertThat(store.add(new byte[] {1}).cid()).isEqualTo(CID);
        }

        @Test
        void failsWhenTheAnswerEndsWithoutAHash() {
            kubo.on("add", FakeKubo.json(200, ""));

            assertThatThrownBy(() -> store.add(new byte[] {1}))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessageContaining(kubo.api().toString())
                    .hasMessageContaining("without a \"Hash\"");
        }

        @Test
        void reportsKubosErrorMessage() {
            kubo.on(
                    "add",
                    FakeKubo.json(500, "{\"Message\":\"unrecognized chunker option\",\"Code\":0,\"Type\":\"error\"}"));

            assertThatThrownBy(() -> store.add(new byte[] {1}))
                    .hasMessage("Kubo at " + kubo.api() + " could not add 1 bytes (sha256 "
                            + "4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a): "
                            + "unrecognized chunker option (HTTP 500)");
        }
    }

    @Nested
    class Cat {
        @Test
        void returnsTheBytesAndSendsTheCidAndDeadline() throws Exception {
            kubo.on("cat", FakeKubo.stream("hello".getBytes(UTF_8), 5L));

            assertThat(store.cat(CID, 100)).isEqualTo("hello".getBytes(UTF_8));

            FakeKubo.Request request = kubo.lastRequest();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.query()).containsOnlyKeys("arg", "timeout");
            assertThat(request.param("arg")).isEqualTo(CID);
            assertThat(request.param("timeout")).isEqualTo("7000ms");
        }

        @Test
        void detectsATruncatedBody() {
            kubo.on("cat", FakeKubo.stream(new byte[6], 10L));

            assertThatThrownBy(() -> store.cat(CID, 100))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessageContaining("cat " + CID)
                    .hasMessageContaining("truncated: 6 of 10 bytes");
        }

        @Test
        void detectsMoreBytesThanAnnounced() {
            kubo.on("cat", FakeKubo.stream(new byte[12], 10L));

            assertThatThrownBy(() -> store.cat(CID, 100)).hasMessageContaining("more than the 10 bytes");
        }

        @Test
        void refusesABlobOverTheCapBeforeReadingIt() {
            kubo.on("cat", FakeKubo.stream(new byte[100], 100L));

            assertThatThrownBy(() -> store.cat(CID, 50))
                    .hasMessageContaining("the blob is 100 bytes, over the limit of 50 bytes");
        }

        @Test
        void headAsksKuboForAtMostMaxBytes() throws Exception {
            kubo.on("cat", FakeKubo.stream("hello".getBytes(UTF_8), 5L));

            assertThat(store.head(CID, 100)).isEqualTo("hello".getBytes(UTF_8));

            assertThat(kubo.lastRequest().param("length")).isEqualTo("100");
        }

        @Test
        void headCutsALongerBlobAtMaxBytesInsteadOfRefusingIt() throws Exception {
            kubo.on("cat", FakeKubo.stream(new byte[] {1, 2, 3, 4, 5, 6}, 6L));

            assertThat(store.head(CID, 4)).containsExactly(1, 2, 3, 4);
        }

        @Test
        void headStillDetectsATruncatedBody() {
            kubo.on("cat", FakeKubo.stream(new byte[3], 4L));

            assertThatThrownBy(() -> store.head(CID, 10)).hasMessageContaining("truncated: 3 of 4 bytes");
        }

        @Test
        void refusesAnAnswerWithoutXContentLength() {
            kubo.on("cat", FakeKubo.stream(new byte[3], null));

            assertThatThrownBy(() -> store.cat(CID, 50)).hasMessageContaining("no X-Content-Length");
        }

        @Test
        void namesNodeCidAndKubosMessageOnError() {
            kubo.on(
                    "cat",
                    FakeKubo.json(500, "{\"Message\":\"context deadline exceeded\",\"Code\":0,\"Type\":\"error\"}"));

            assertThatThrownBy(() -> store.cat(CID, 50))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessage("Kubo at " + kubo.api() + " could not cat " + CID
                            + ": context deadline exceeded (HTTP 500)");
        }

        @Test
        void givesUpWhenTheNodeDoesNotAnswer() {
            kubo.on("cat", exchange -> {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try (KuboBlobStore impatient =
                    new KuboBlobStore(kubo.api(), Duration.ofMillis(100), Duration.ofMillis(100))) {
                assertThatThrownBy(() -> impatient.cat(CID, 50)).hasMessageContaining("no answer within 200 ms");
            }
        }
    }

    @Nested
    class Pin {
        @Test
        void pinsTheCid() throws Exception {
            kubo.on("pin/add", FakeKubo.json(200, "{\"Pins\":[\"" + CID + "\"]}"));

            store.pin(CID);

            assertThat(kubo.lastRequest().path()).isEqualTo("/api/v0/pin/add");
            assertThat(kubo.lastRequest().param("arg")).isEqualTo(CID);
        }

        @Test
        void failsWhenNothingWasPinned() {
            kubo.on("pin/add", FakeKubo.json(200, "{\"Pins\":[]}"));

            assertThatThrownBy(() -> store.pin(CID)).hasMessageContaining("lists no pins");
        }
    }

    @Nested
    class Pins {
        private static final String OTHER = "bafybeiam4gktyk5kz2dtzea7scxbwpc5oz7brtz6toom6w2x52ibpe2rga";

        @Test
        void listsTheRecursivePinsStreamedOnePerLine() throws Exception {
            // what Kubo 0.43.1 answers to pin/ls?type=recursive&stream=true
            kubo.on(
                    "pin/ls",
                    FakeKubo.json(
                            200,
                            "{\"Cid\":\"" + CID + "\",\"Type\":\"recursive\"}\n{\"Cid\":\"" + OTHER
                                    + "\",\"Type\":\"recursive\"}\n"));

            assertThat(store.pins()).containsExactly(CID, OTHER);
            assertThat(kubo.lastRequest().param("type")).isEqualTo("recursive");
            assertThat(kubo.lastRequest().param("stream")).isEqualTo("true");
        }

        @Test
        void unpinsAndTreatsANotPinnedAnswerAsDone() throws Exception {
            kubo.on("pin/rm", FakeKubo.json(200, "{\"Pins\":[\"" + CID + "\"]}"));
            store.unpin(CID);
            assertThat(kubo.lastRequest().path()).isEqualTo("/api/v0/pin/rm");
            assertThat(kubo.lastRequest().param("arg")).isEqualTo(CID);

            kubo.on(
                    "pin/rm",
                    FakeKubo.json(
                            500, "{\"Message\":\"not pinned or pinned indirectly\",\"Code\":0,\"Type\":\"error\"}"));
            store.unpin(CID);

            kubo.on("pin/rm", FakeKubo.json(500, "{\"Message\":\"pinning is locked\",\"Code\":0,\"Type\":\"error\"}"));
            assertThatThrownBy(() -> store.unpin(CID)).hasMessageContaining("could not unpin " + CID);
        }

        @Test
        void countsTheBlocksGarbageCollectionRemovedWithALongerDeadline() throws Exception {
            kubo.on(
                    "repo/gc",
                    FakeKubo.json(200, "{\"Key\":{\"/\":\"" + CID + "\"}}\n{\"Key\":{\"/\":\"" + OTHER + "\"}}\n"));

            assertThat(store.collectGarbage()).isEqualTo(2);
            assertThat(kubo.lastRequest().param("timeout")).isEqualTo("600000ms");
        }

        @Test
        void failsGarbageCollectionThatReportsAnError() {
            kubo.on("repo/gc", FakeKubo.json(200, "{\"Key\":{\"/\":\"" + CID + "\"}}\n{\"Error\":\"disk full\"}\n"));

            assertThatThrownBy(() -> store.collectGarbage()).hasMessageContaining("disk full");
        }

        @Test
        void aLocalOnlyViewReadsOfflineAndLeavesTheNodeOpen() throws Exception {
            kubo.on("cat", FakeKubo.stream("hello".getBytes(UTF_8), 5L));

            KuboBlobStore local = store.localOnly();
            assertThat(local.head(CID, 5)).isEqualTo("hello".getBytes(UTF_8));
            assertThat(kubo.lastRequest().param("offline")).isEqualTo("true");
            local.close();

            assertThat(store.cat(CID, 5)).isEqualTo("hello".getBytes(UTF_8));
            assertThat(kubo.lastRequest().query()).doesNotContainKey("offline");
            assertThat(local.localOnly()).isSameAs(local);
        }
    }

    @Nested
    class Admin {
        @Test
        void readsIdentityPeersAndVersion() throws Exception {
            kubo.on(
                    "id",
                    FakeKubo.json(
                            200,
                            "{\"ID\":\"12D3KooWabc\",\"AgentVersion\":\"kubo/0.43.1/\","
                                    + "\"Addresses\":[\"/ip4/127.0.0.1/tcp/7056/p2p/12D3KooWabc\"]}"));
            kubo.on(
                    "swarm/peers",
                    FakeKubo.json(
                            200, "{\"Peers\":[{\"Addr\":\"/ip4/127.0.0.1/tcp/8056\",\"Peer\":\"12D3KooWdef\"}]}"));
            kubo.on("version", FakeKubo.json(200, "{\"Version\":\"0.43.1\",\"Commit\":\"\"}"));

            assertThat(store.id())
                    .isEqualTo(new KuboAdmin.KuboIdentity(
                            "12D3KooWabc",
                            "kubo/0.43.1/",
                            java.util.List.of("/ip4/127.0.0.1/tcp/7056/p2p/12D3KooWabc")));
            assertThat(store.swarmPeers())
                    .containsExactly(new KuboAdmin.SwarmPeer("12D3KooWdef", "/ip4/127.0.0.1/tcp/8056"));
            assertThat(store.version()).isEqualTo("0.43.1");
            assertThat(kubo.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
        }

        @Test
        void readsTheRepositorySizeWithoutCountingObjects() throws Exception {
            kubo.on(
                    "repo/stat",
                    FakeKubo.json(200, "{\"RepoSize\":123456789,\"StorageMax\":10000000000,\"NumObjects\":0}"));

            assertThat(store.repoSizeBytes()).isEqualTo(123_456_789L);
            assertThat(kubo.lastRequest().param("size-only")).isEqualTo("true");
        }

        @Test
        void refusesARepositoryStatWithoutItsSize() {
            kubo.on("repo/stat", FakeKubo.json(200, "{\"StorageMax\":10000000000}"));

            assertThatThrownBy(() -> store.repoSizeBytes()).hasMessageContaining("RepoSize");
        }

        @Test
        void treatsNullPeersAsNone() throws Exception {
            kubo.on("swarm/peers", FakeKubo.json(200, "{\"Peers\":null}"));

            assertThat(store.swarmPeers()).isEmpty();
        }

        @Test
        void explainsAnUnknownEndpoint() {
            assertThatThrownBy(() -> store.version())
                    .hasMessageContaining("HTTP 404")
                    .hasMessageContaining("Kubo RPC API");
        }

        @Test
        void explainsAnUnreachableNode() throws Exception {
            URI closed;
            try (ServerSocket socket = new ServerSocket(0)) {
                closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
            }
            try (KuboBlobStore nowhere = new KuboBlobStore(closed)) {
                assertThatThrownBy(nowhere::version)
                        .hasMessageStartingWith(
                                "Kubo at " + closed + " could not read the node version: the node is unreachable")
                        .hasMessageContaining("network/network.sh status");
            }
        }
    }

    @Test
    void fetchVerifiedRejectsBytesThatDoNotMatchTheReference() {
        kubo.on("cat", FakeKubo.stream("hellO".getBytes(UTF_8), 5L));

        assertThatThrownBy(() -> store.fetchVerified(new BlobRef(CID, HELLO_SHA256, 5)))
                .hasMessageContaining("does not match its reference");
    }

    @Test
    void fetchVerifiedReturnsMatchingBytes() throws Exception {
        kubo.on("cat", FakeKubo.stream("hello".getBytes(UTF_8), 5L));

        assertThat(store.fetchVerified(new BlobRef(CID, HELLO_SHA256, 5))).isEqualTo("hello".getBytes(UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
