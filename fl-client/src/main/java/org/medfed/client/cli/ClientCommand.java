package org.medfed.client.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.ExitCodes;
import org.medfed.client.access.RecordsServer;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.SubsetLedger;
import org.medfed.client.node.ClientConfig;
import org.medfed.client.node.ConfigException;
import org.medfed.client.participation.Backoff;
import org.medfed.client.participation.ClientNode;
import org.medfed.client.participation.DpLocalTraining;
import org.medfed.client.participation.GatewayLedgerEvents;
import org.medfed.client.participation.GatewayParticipationLedger;
import org.medfed.client.participation.JournalEntry;
import org.medfed.client.participation.NodeLog;
import org.medfed.client.participation.NodeStatus;
import org.medfed.client.participation.ParticipationJournal;
import org.medfed.client.participation.RoundDriver;
import org.medfed.client.participation.RoundParticipant;
import org.medfed.client.participation.SecureJournal;
import org.medfed.client.participation.SecureRoundParticipant;
import org.medfed.client.retention.PruneLoop;
import org.medfed.client.retention.RetentionReads;
import org.medfed.client.risk.RiskAttestLoop;
import org.medfed.client.risk.RiskAttestRun;
import org.medfed.client.subset.LedgerSharedRows;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.PrivacyBudgetGuard;
import org.medfed.client.view.Table;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.budget.RdpEpsilonAccountant;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "client",
        description = "The client node of a hospital, clinic or wearable gateway: trains for its enrolled tasks.",
        subcommands = {ClientCommand.Start.class, ClientCommand.Status.class})
final class ClientCommand extends GroupCommand {

    /** Both subcommands read the node's configuration file. */
    @Command(
            mixinStandardHelpOptions = true,
            exitCodeOnInvalidInput = ExitCodes.USAGE,
            exitCodeOnExecutionException = ExitCodes.INTERNAL)
    abstract static class ConfigCommand extends ReportingCommand {
        @Option(
                names = "--config",
                required = true,
                paramLabel = "FILE",
                description = "The node's configuration (see fl-client/src/main/resources/examples/client-*.yaml).")
        Path config;

        ClientConfig load() throws InputException {
            try {
                return ClientConfig.load(config);
            } catch (ConfigException e) {
                throw new InputException(e.getMessage(), e);
            }
        }
    }

    @Command(
            name = "start",
            description = {
                "Run the node: catch up with every enrolled task, then follow the ledger's " + "events until Ctrl-C.",
                "For an open round it downloads the global model from the organisation's IPFS node, verifies its hash, "
                        + "trains with differential privacy on local data, adds the update to IPFS and submits it; it "
                        + "closes complete or overdue rounds and asks for their aggregation. Patient records never "
                        + "leave this machine. State and the audit trail live in the work directory."
            })
    static final class Start extends ConfigCommand {
        @Option(
                names = "--tick",
                defaultValue = "10",
                paramLabel = "SECONDS",
                description = "How often to check deadlines when no event arrives (default: ${DEFAULT-VALUE}).")
        private long tickSeconds;

        @Option(names = "--once", description = "Catch up once (train, close, aggregate what is due) and exit.")
        private boolean once;

        @Override
        protected int run() throws Exception {
            ClientConfig config = load();
            if (tickSeconds < 1) {
                throw new InputException("--tick must be at least 1 second, got " + tickSeconds);
            }
            PrintWriter out = out();
            NodeStatus status = new NodeStatus(config.workDir(), Clock.systemUTC());
            NodeLog log = status.recording((level, message) -> {
                synchronized (out) {
                    out.println(Instant.now() + " " + level + " " + message);
                    out.flush();
                }
            });
            GatewayConnection.Builder builder = GatewayConnection.builder(config.connection());
            config.tlsHostOverride().ifPresent(builder::tlsHostOverride);
            try (GatewayConnection gateway = builder.connect()) {
                GatewayParticipationLedger ledger = new GatewayParticipationLedger(gateway);
                String me = ledger.participantId();
                ClientConfig.DataSource data = config.data();
                DpLocalTraining training = new DpLocalTraining(
                        data.datasetId(),
                        () -> data.read(config.workDir()),
                        data.validationFraction(),
                        data.splitSeed(),
                        BigDecimal.valueOf(config.limits().maxEpsilon()),
                        config.limits().maxEpochs(),
                        config.limits().allowTasksWithoutDp(),
                        LocalTrainer.secure(),
                        new PrivacyBudgetGuard(new RdpEpsilonAccountant()),
                        new LedgerBudgets(gateway, me, config.tasks()),
                        log,
                        new LedgerSharedRows(
                                new SubsetLedger(gateway),
                                new KuboBlobStore(config.connection().ipfsApi()),
                                config.connection().mspId(),
                                config.subsetKey().orElse(null),
                                me));
                KuboBlobStore blobs = new KuboBlobStore(config.connection().ipfsApi());
                ParticipationJournal journal = ParticipationJournal.open(config.workDir());
                RoundParticipant participant = new RoundParticipant(
                        ledger,
                        blobs,
                        training,
                        journal,
                        Clock.systemUTC(),
                        new SecureRoundParticipant(
                                ledger,
                                blobs,
                                training,
                                SecureJournal.open(config.workDir()),
                                journal,
                                Clock.systemUTC(),
                                SecureRoundParticipant.DEFAULT_SETTLE,
                                new java.security.SecureRandom()));
                ClientNode node = new ClientNode(
                        config.tasks(),
                        participant,
                        new RoundDriver(ledger, Clock.systemUTC(), log),
                        new GatewayLedgerEvents(gateway, config.workDir()),
                        Backoff.DEFAULT,
                        Backoff.Sleeper.REAL,
                        Duration.ofSeconds(tickSeconds),
                        log);
                RecordsServer records = null;
                RiskAttestLoop attesting = null;
                if (config.records().isPresent()) {
                    ClientConfig.Records block = config.records().get();
                    if (block.serve().isPresent()) {
                        records = block.serve().get().start(config.connection(), gateway, Clock.systemUTC(), log);
                        log.info("serving patient records on https://127.0.0.1:" + records.port());
                    }
                    if (block.attest().isPresent()) {
                        attesting = new RiskAttestLoop(
                                new RiskAttestRun(
                                        block.attest().get().taskId(),
                                        data.datasetId(),
                                        data.mapping(),
                                        block.patients(),
                                        block.key(),
                                        block.attest().get().ttlSeconds(),
                                        block.replayAtNow()),
                                gateway,
                                config.connection(),
                                KuboBlobStore::new,
                                config.workDir(),
                                Clock.systemUTC(),
                                Duration.ofSeconds(tickSeconds),
                                log);
                    }
                }
                PruneLoop pruning = config.pruneStorage()
                        ? new PruneLoop(RetentionReads.over(gateway), blobs, Duration.ofSeconds(tickSeconds), log)
                        : null;
                try {
                    if (attesting != null) {
                        if (once) {
                            attesting.step();
                        } else {
                            attesting.start();
                        }
                    }
                    if (pruning != null && !once) {
                        pruning.start();
                    }
                    int exit = runNode(config, me, node, training, log);
                    if (pruning != null && once) {
                        pruning.step();
                    }
                    return exit;
                } finally {
                    if (pruning != null) {
                        pruning.close();
                    }
                    if (attesting != null) {
                        attesting.close();
                    }
                    if (records != null) {
                        records.close();
                    }
                }
            }
        }

        /** Runs the node until Ctrl-C (or one catch-up with --once), with the records server, if any, serving. */
        private int runNode(ClientConfig config, String me, ClientNode node, DpLocalTraining training, NodeLog log)
                throws Exception {
            log.info("node " + me + " (" + config.role().wire() + ", "
                    + config.connection().mspId() + ") started for tasks " + config.tasks() + "; work directory "
                    + config.workDir());
            if (once) {
                node.catchUp();
                return ExitCodes.OK;
            }
            // The hook waits for the loop, not for this thread: after the loop this thread returns into
            // System.exit, which blocks while shutdown hooks run.
            java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                node.stop();
                                training.cancel();
                                try {
                                    stopped.await(30, java.util.concurrent.TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "medfed-shutdown"));
            try {
                node.run();
            } finally {
                log.info("node stopped");
                stopped.countDown();
            }
            return ExitCodes.OK;
        }

        /** The ledger's record of this node's ε, per task; nothing recorded yet means nothing spent. */
        private record LedgerBudgets(GatewayConnection gateway, String me, List<String> enrolled)
                implements DpLocalTraining.SpentBudget {

            @Override
            public PrivacyBudget of(Task task) throws MedfedException {
                DpPolicy dp = task.spec()
                        .dpPolicy()
                        .orElseThrow(() -> new IllegalStateException(
                                "task " + task.spec().id() + " has no DP policy, so no privacy budget"));
                return budget(task.spec().id())
                        .orElse(PrivacyBudget.unspent(task.spec().id(), me, dp));
            }

            @Override
            public List<org.medfed.common.budget.DpCharge> otherTasks(Task task) throws MedfedException {
                List<org.medfed.common.budget.DpCharge> charges = new ArrayList<>();
                for (String other : enrolled) {
                    if (!other.equals(task.spec().id())) {
                        budget(other).ifPresent(b -> charges.addAll(b.charges()));
                    }
                }
                return charges;
            }

            /** None before the first update; none either in a task without DP, which charges nothing. */
            private java.util.Optional<PrivacyBudget> budget(String taskId) throws MedfedException {
                try {
                    return java.util.Optional.of(
                            new RoundLedger(gateway).privacyBudget(taskId, me).value());
                } catch (MedfedException e) {
                    if (ErrorCode.NOT_FOUND.name().equals(e.code())
                            || ErrorCode.NO_DP_POLICY.name().equals(e.code())) {
                        return java.util.Optional.empty();
                    }
                    throw e;
                }
            }
        }
    }

    @Command(
            name = "status",
            description = {
                "What the node has done, from its work directory (no network needed): "
                        + "per task the latest round and its outcome, the ε after that round, and the node's last problem."
            })
    static final class Status extends ConfigCommand {
        @Option(names = "--json", description = "Print one JSON object instead of a table.")
        private boolean json;

        @Override
        protected int run() throws Exception {
            ClientConfig config = load();
            List<JournalEntry> entries =
                    ParticipationJournal.open(config.workDir()).all();
            NodeStatus.Snapshot snapshot = NodeStatus.read(config.workDir()).orElse(null);
            if (json) {
                printJson(config, entries, snapshot);
                return ExitCodes.OK;
            }
            Table.fields()
                    .row("configuration", config.source())
                    .row(
                            "role",
                            config.role().wire() + " (" + config.connection().mspId() + ")")
                    .row("dataset", config.data().datasetId())
                    .row("work directory", config.workDir())
                    .row("started", snapshot == null ? "- (never run)" : snapshot.startedAt())
                    .row(
                            "last activity",
                            snapshot == null ? "-" : snapshot.lastActivityAt() + " " + snapshot.lastActivity())
                    .row(
                            "last problem",
                            snapshot == null || snapshot.lastProblem() == null
                                    ? "-"
                                    : snapshot.lastProblemAt() + " " + snapshot.lastProblem())
                    .print(out());
            out().println();
            Table tasks = Table.of("task", "round", "phase", "update", "epsilon after", "detail");
            for (String task : config.tasks()) {
                JournalEntry entry = entries.stream()
                        .filter(e -> e.taskId().equals(task))
                        .findFirst()
                        .orElse(null);
                if (entry == null) {
                    tasks.row(task, "-", "not started", "-", "-", "-");
                } else {
                    tasks.row(
                            task,
                            entry.round(),
                            entry.phase().name(),
                            entry.submission() == null
                                    ? "-"
                                    : entry.submission().cid(),
                            epsilon(entry),
                            entry.detail() == null ? "-" : entry.detail());
                }
            }
            tasks.print(out());
            return ExitCodes.OK;
        }

        private static String epsilon(JournalEntry entry) {
            if (entry.submission() == null || !entry.submission().metrics().containsKey("epsilon")) {
                return "-";
            }
            return entry.submission().metrics().get("epsilon").toPlainString();
        }

        private void printJson(ClientConfig config, List<JournalEntry> entries, NodeStatus.Snapshot snapshot) {
            Map<String, Object> json = new TreeMap<>();
            json.put("role", config.role().wire());
            json.put("mspId", config.connection().mspId());
            json.put("datasetId", config.data().datasetId());
            json.put("tasks", config.tasks());
            List<Object> latest = new ArrayList<>();
            for (JournalEntry entry : entries) {
                Map<String, Object> row = new TreeMap<>();
                row.put("taskId", entry.taskId());
                row.put("round", entry.round());
                row.put("phase", entry.phase().name());
                row.put(
                        "cid",
                        entry.submission() == null ? null : entry.submission().cid());
                row.put("epsilonAfter", "-".equals(epsilon(entry)) ? null : new BigDecimal(epsilon(entry)));
                row.put("detail", entry.detail());
                row.put("at", entry.at().toString());
                latest.add(row);
            }
            json.put("latest", latest);
            json.put("lastProblem", snapshot == null ? null : snapshot.lastProblem());
            json.put(
                    "lastProblemAt",
                    snapshot == null || snapshot.lastProblemAt() == null
                            ? null
                            : snapshot.lastProblemAt().toString());
            out().println(CanonicalJson.encode(json));
            out().flush();
        }
    }
}
