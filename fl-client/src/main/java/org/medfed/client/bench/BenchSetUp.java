package org.medfed.client.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.medfed.client.ipfs.KuboBlobStore;

/**
 * What {@code bench round} stands on: the running network (checked: its chaincode servers run, its Kubo nodes
 * answer), the K participants issued and registered, the pool and the round driver; and what the set-up took.
 * Closing it closes the gateways, channels, Kubo clients and the pool; nothing on the ledger is undone.
 */
final class BenchSetUp implements AutoCloseable {

    private final BenchNetwork network;
    private final BenchParticipants participants;
    private final Map<String, KuboBlobStore> kubos;
    private final Concurrently pool;
    private final RoundLoad load;
    private final double identitiesMs;
    private final double registrationMs;

    private BenchSetUp(
            BenchNetwork network,
            BenchParticipants participants,
            Map<String, KuboBlobStore> kubos,
            Concurrently pool,
            RoundLoad load,
            double identitiesMs,
            double registrationMs) {
        this.network = network;
        this.participants = participants;
        this.kubos = kubos;
        this.pool = pool;
        this.load = load;
        this.identitiesMs = identitiesMs;
        this.registrationMs = registrationMs;
    }

    /**
     * @param k participants
     * @param concurrency calls in flight at once
     * @param timeout the deadline of every ledger and Kubo call
     * @param seed the updates' seed
     * @param progress where the set-up's one line goes
     */
    static BenchSetUp open(
            Path profilesDir, int k, int concurrency, Duration timeout, long seed, Consumer<String> progress)
            throws Exception {
        BenchNetwork network = BenchNetwork.load(profilesDir);
        network.requireChaincodeServers();
        Map<String, KuboBlobStore> kubos = new LinkedHashMap<>();
        Concurrently pool = new Concurrently(concurrency);
        BenchParticipants participants = null;
        try {
            for (BenchNetwork.Org org : network.orgs()) {
                kubos.put(org.name(), new KuboBlobStore(org.user1().ipfsApi(), timeout));
            }
            for (KuboBlobStore kubo : kubos.values()) {
                kubo.version();
            }
            long start = System.nanoTime();
            participants = BenchParticipants.issue(network, k, timeout);
            double identitiesMs = (System.nanoTime() - start) / 1e6;
            LagRetry retry = new LagRetry();
            start = System.nanoTime();
            participants.register(pool, retry);
            double registrationMs = (System.nanoTime() - start) / 1e6;
            progress.accept(String.format(
                    Locale.ROOT,
                    "%d participants on %s (%s ledger): identities %.0f ms, registration %.0f ms",
                    k,
                    network.orgs().stream().map(BenchNetwork.Org::name).toList(),
                    network.engine(),
                    identitiesMs,
                    registrationMs));
            RoundLoad load = new RoundLoad(network, participants, kubos, pool, retry, seed);
            return new BenchSetUp(network, participants, kubos, pool, load, identitiesMs, registrationMs);
        } catch (Exception | Error e) {
            if (participants != null) {
                participants.close();
            }
            kubos.values().forEach(KuboBlobStore::close);
            pool.close();
            throw e;
        }
    }

    BenchNetwork network() {
        return network;
    }

    RoundLoad load() {
        return load;
    }

    double identitiesMs() {
        return identitiesMs;
    }

    double registrationMs() {
        return registrationMs;
    }

    @Override
    public void close() {
        pool.close();
        participants.close();
        kubos.values().forEach(KuboBlobStore::close);
    }
}
