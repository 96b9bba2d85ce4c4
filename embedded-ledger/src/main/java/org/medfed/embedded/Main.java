package org.medfed.embedded;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.medfed.embedded.config.NetworkLayout;
import org.medfed.embedded.msp.CryptoGenerator;
import org.medfed.embedded.node.EmbeddedNetwork;
import org.medfed.embedded.store.ChainVerifier;
import org.medfed.embedded.store.MvLedgerStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The embedded ledger's command line, run by network/network.sh when the network's engine is "embedded". */
@Command(
        name = "embedded-ledger",
        mixinStandardHelpOptions = true,
        description = "medfed's single-machine Fabric network: gateways, peers and orderer in one JVM.",
        subcommands = {Main.Serve.class, Main.Crypto.class, Main.RevokeTestIdentity.class, Main.VerifyChain.class})
public final class Main implements Runnable {

    /** Exit codes: 0 ok, 1 failure (a tampered chain, a port in use, unreadable material), 2 usage. */
    static final int FAILED = 1;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    static class Where {
        @Option(names = "--config", required = true, description = "network/network.config")
        Path config;

        @Option(names = "--data", required = true, description = "the network's data folder (MEDFED_NETWORK_DATA)")
        Path data;

        NetworkLayout layout() {
            return NetworkLayout.load(config, data);
        }
    }

    @Command(name = "serve", description = "Run the network until stopped (SIGTERM).")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin
        Where where;

        @Override
        public Integer call() throws InterruptedException {
            NetworkLayout layout = where.layout();
            EmbeddedNetwork network = EmbeddedNetwork.start(layout);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                network.close();
                                stopped.countDown();
                            },
                            "shutdown"));
            System.out.printf(
                    "embedded ledger up: channel %s, organisations %s, MAJORITY %d, height %d%n",
                    layout.channel(),
                    network.channel().orgs(),
                    network.channel().majority(),
                    network.channel().store().height());
            stopped.await();
            return 0;
        }
    }

    @Command(
            name = "crypto",
            description = "Generate crypto material (cryptogen's layout) for organisations that lack it.")
    static final class Crypto implements Callable<Integer> {
        @CommandLine.Mixin
        Where where;

        @Override
        public Integer call() {
            CryptoGenerator.generate(where.layout());
            return 0;
        }
    }

    @Command(
            name = "revoke-test-identity",
            description = "For an organisation that cryptogen generated (crypto.sh on Fabric, before the channel "
                    + "exists): issue its client " + CryptoGenerator.REVOKED_USER + " and write its CA's CRL revoking "
                    + "it to msp/crls/, where they are missing.")
    static final class RevokeTestIdentity implements Callable<Integer> {
        @CommandLine.Mixin
        Where where;

        @Option(names = "--org", required = true, description = "the organisation, as in orgs.list")
        String org;

        @Override
        public Integer call() {
            CryptoGenerator.revokeTestIdentity(where.layout().orgDir(org), org);
            return 0;
        }
    }

    @Command(
            name = "verify-chain",
            description = "Recompute every block's hashes from genesis; name the first tampered block.")
    static final class VerifyChain implements Callable<Integer> {
        @CommandLine.Mixin
        Where where;

        @Override
        public Integer call() throws Exception {
            NetworkLayout layout = where.layout();
            RunningLedger.Answer answer = RunningLedger.verifyChain(layout);
            if (answer == null) {
                try (MvLedgerStore store = MvLedgerStore.open(layout.ledgerDir())) {
                    ChainVerifier.Report report = ChainVerifier.verify(store);
                    answer = new RunningLedger.Answer(report.ok(), report.line());
                }
            }
            System.out.println(answer.line());
            if (answer.ok()) {
                return 0;
            }
            return FAILED;
        }
    }
}
