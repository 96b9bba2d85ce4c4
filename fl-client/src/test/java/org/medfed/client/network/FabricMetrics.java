package org.medfed.client.network;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * What a Fabric network's processes say about themselves on their operations endpoints ({@code /metrics}): a peer's
 * or an orderer's block height ({@code ledger_blockchain_height}), an orderer's Raft leadership ({@code
 * consensus_etcdraft_is_leader}); and waits on them (a new leader, every node at the same height). The Fabric fault
 * cases and the multi-host rehearsal read them where they listen: 127.0.0.1, or each node's host (node-hosts).
 */
final class FabricMetrics {
    private static final Duration POLL = Duration.ofMillis(100);

    private final NetworkScripts scripts;
    private final String channel = NetworkScripts.config().get("CHANNEL");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FabricMetrics(NetworkScripts scripts) {
        this.scripts = scripts;
    }

    /** The channel's value of metric {@code name} at an operations endpoint; empty when it does not answer. */
    OptionalLong metric(URI operations, String name) {
        String prefix = name + "{channel=\"" + channel + "\"} ";
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(operations.resolve("/metrics"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body()
                    .lines()
                    .filter(line -> line.startsWith(prefix))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(prefix.length())))
                    .findFirst();
        } catch (java.io.IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** {@code org}'s peer's block height; -1 while it does not answer. */
    long peerHeight(String org) {
        return metric(scripts.peerOperations(org), "ledger_blockchain_height").orElse(-1);
    }

    /** Every organisation's peer's block height, in {@link RealNetwork#ORGS} order (-1: not answering). */
    Map<String, Long> peerHeights() {
        Map<String, Long> heights = new LinkedHashMap<>();
        RealNetwork.ORGS.forEach(org -> heights.put(org, peerHeight(org)));
        return heights;
    }

    /** Orderer {@code k}'s block height; -1 while it does not answer. */
    long ordererHeight(int k) {
        return metric(scripts.ordererOperations(k), "ledger_blockchain_height").orElse(-1);
    }

    /** The orderer (1..n) whose metrics say it leads the channel's Raft cluster, or 0 when none does now. */
    int leader(int orderers) {
        for (int k = 1; k <= orderers; k++) {
            if (metric(scripts.ordererOperations(k), "consensus_etcdraft_is_leader")
                            .orElse(0)
                    == 1) {
                return k;
            }
        }
        return 0;
    }

    /** Waits until some orderer other than {@code old} leads; returns it. */
    int awaitNewLeader(int orderers, int old, Duration timeout) {
        int[] now = new int[1];
        await("a Raft leader other than orderer" + old, timeout, () -> {
            now[0] = leader(orderers);
            return now[0] != 0 && now[0] != old;
        });
        return now[0];
    }

    /** Waits until every peer answers with the same height; returns it. */
    long awaitPeersAgree(Duration timeout) {
        await("every peer at the same block height", timeout, () -> {
            Map<String, Long> heights = peerHeights();
            return !heights.containsValue(-1L) && Set.copyOf(heights.values()).size() == 1;
        });
        return peerHeights().get(RealNetwork.ORGS.get(0));
    }

    /** Waits until the orderers 1..n answer with the same height; returns it. */
    long awaitOrderersAgree(int orderers, Duration timeout) {
        await("every orderer at the same block height", timeout, () -> {
            Set<Long> heights = new TreeSet<>();
            for (int k = 1; k <= orderers; k++) {
                heights.add(ordererHeight(k));
            }
            return !heights.contains(-1L) && heights.size() == 1;
        });
        return ordererHeight(1);
    }

    /** Polls {@code done} every 100 ms until it holds; fails naming {@code what} after {@code timeout}. */
    static Duration await(String what, Duration timeout, BooleanSupplier done) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
