package org.medfed.client.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.medfed.client.demo.NetworkScript;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.BlobStoreFactory;

/** Fakes for {@link DemoCommandTest}: network scripts, a ledger that keeps ping records, and a shared IPFS swarm. */
final class DemoFakes {

    private DemoFakes() {}

    /** Records each run as "up", "deploy", "down"; a command's status comes from {@link #exitStatus}. */
    static final class Scripts implements NetworkScript.Factory, NetworkScript {
        final List<String> runs = new ArrayList<>();
        final Map<String, Integer> exitStatus = new HashMap<>();
        final Map<String, Duration> timeouts = new HashMap<>();
        String timesOut;
        Path root;

        @Override
        public NetworkScript at(Path repositoryRoot) {
            root = repositoryRoot;
            return this;
        }

        @Override
        public int run(List<String> args, PrintWriter out, Duration timeout) throws TimeoutException {
            String command = String.join(" ", args);
            runs.add(command);
            timeouts.put(command, timeout);
            out.println("[network.sh " + command + " output]");
            if (command.equals(timesOut)) {
                throw new TimeoutException(command + " timed out");
            }
            return exitStatus.getOrDefault(command, 0);
        }
    }

    /** Answers like SystemContract: ping stores {count, message, mspId, txId, txTime}; getPing returns it. */
    static final class PingLedger implements LedgerClient {
        final String mspId;
        final List<String> calls = new ArrayList<>();
        private final AtomicLong clock;
        int notReadyCalls;
        MedfedException failure;
        private long count = 2;
        boolean closed;

        PingLedger(String mspId, AtomicLong clock) {
            this.mspId = mspId;
            this.clock = clock;
        }

        @Override
        public byte[] submit(String transaction, String... args) throws MedfedException {
            call(transaction, args);
            clock.addAndGet(12_000_000L);
            count++;
            return record();
        }

        @Override
        public byte[] evaluate(String transaction, String... args) throws MedfedException {
            call(transaction, args);
            clock.addAndGet(1_500_000L);
            return record();
        }

        private void call(String transaction, String... args) throws MedfedException {
            calls.add(transaction + " " + String.join(" ", args));
            if (failure != null) {
                throw failure;
            }
            if (notReadyCalls > 0) {
                notReadyCalls--;
                clock.addAndGet(3_000_000L);
                throw new MedfedException(MedfedException.UNAVAILABLE, "peer unreachable", null);
            }
        }

        private byte[] record() {
            return ("{\"count\":" + count + ",\"message\":\"medfed demo\",\"mspId\":\"" + mspId + "\",\"txId\":\""
                            + txId() + "\",\"txTime\":\"2025-01-01T00:00:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        String txId() {
            return "tx-" + mspId + "-" + count;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Every node sees the same content, as a connected swarm would; each call takes 7 ms (add) or 3 ms (cat). */
    static final class Swarm implements BlobStoreFactory {
        final Map<String, byte[]> content = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        private final AtomicLong clock;
        boolean corruptOnCat;
        BlobStoreException failure;

        Swarm(AtomicLong clock) {
            this.clock = clock;
        }

        @Override
        public BlobStore open(URI api) {
            return new BlobStore() {
                @Override
                public BlobRef add(byte[] data) throws BlobStoreException {
                    calls.add("add " + api);
                    if (failure != null) {
                        throw failure;
                    }
                    clock.addAndGet(7_000_000L);
                    String cid = "bafkrei" + BlobStore.sha256Hex(data).substring(0, 20);
                    content.put(cid, data.clone());
                    return new BlobRef(cid, BlobStore.sha256Hex(data), data.length);
                }

                @Override
                public byte[] cat(String cid, long maxBytes) {
                    calls.add("cat " + api + " " + cid);
                    clock.addAndGet(3_000_000L);
                    byte[] data = content.get(cid).clone();
                    if (corruptOnCat) {
                        data[0] ^= 1;
                    }
                    return data;
                }

                @Override
                public byte[] head(String cid, long maxBytes) {
                    byte[] data = cat(cid, maxBytes);
                    return java.util.Arrays.copyOf(data, (int) Math.min(data.length, maxBytes));
                }

                @Override
                public void pin(String cid) {
                    calls.add("pin " + api + " " + cid);
                }
            };
        }
    }
}
