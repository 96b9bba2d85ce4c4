package org.medfed.client.cli;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.medfed.client.demo.DemoTraining;
import org.medfed.client.demo.FederatedDemoTraining;
import org.medfed.client.demo.NetworkScript;
import org.medfed.client.demo.ProcessNetworkScript;
import org.medfed.client.demo.Sleeper;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.gateway.LedgerConnector;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.ipfs.KuboBlobStore;

/**
 * What commands reach outside this process through: the ledger, IPFS nodes, the monotonic clock ({@code nanoTime}),
 * waiting, the network script and the demo's training. {@link ServiceFactory} hands each command the ones its
 * constructor asks for, by type, so every component has a type of its own.
 */
public record CliServices(
        LedgerConnector connector,
        BlobStoreFactory blobStores,
        LongSupplier nanoClock,
        Sleeper sleeper,
        NetworkScript.Factory networkScripts,
        DemoTraining demoTraining) {

    public CliServices {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(blobStores, "blobStores");
        Objects.requireNonNull(nanoClock, "nanoClock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(networkScripts, "networkScripts");
        Objects.requireNonNull(demoTraining, "demoTraining");
    }

    /** Gateways, Kubo nodes, the system clock, network/network.sh and a real federation. */
    public static CliServices real() {
        return new CliServices(
                GatewayConnection::open,
                KuboBlobStore::new,
                System::nanoTime,
                Sleeper.REAL,
                ProcessNetworkScript::new,
                new FederatedDemoTraining(GatewayConnection::open, KuboBlobStore::new));
    }

    /** For tests: the real services with a fake ledger and a fake clock. */
    static CliServices ledger(LedgerConnector connector, LongSupplier nanoClock) {
        CliServices real = real();
        return new CliServices(
                connector, real.blobStores, nanoClock, real.sleeper, real.networkScripts, real.demoTraining);
    }

    CliServices withBlobStores(BlobStoreFactory stores) {
        return new CliServices(connector, stores, nanoClock, sleeper, networkScripts, demoTraining);
    }
}
