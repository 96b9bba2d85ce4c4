package org.medfed.client.bench;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileException;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.TaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code medfed bench round}: a load driver against the running local network (issue 17, P4). It issues K client
 * identities through the organisations' CAs, registers them as participants with a dataset each, creates a FedAvg
 * task of P parameters with all K eligible and quorum K, and runs R rounds by the normal path, timing upload, submit,
 * close and aggregate; or, with {@code --caliper-fixture}, sets up T tasks, uploads their round-1 updates and writes
 * the fixture Caliper's {@code round:submitUpdate} workload submits.
 */
@Command(
        name = "round",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {
            "Load-test rounds on the running local network (either engine; network/network.sh up && deploy).",
            "Issues K client identities through the organisations' CAs (round-robin), registers them as participants"
                    + " with a dataset each, creates a FedAvg task of P parameters (quorum K), then per round: every"
                    + " participant adds a seeded update to its organisation's Kubo node and submits it (concurrently),"
                    + " one closes the round and asks for its aggregation. Reports each phase's wall time, the round's"
                    + " ledger bytes, each chaincode server's peak RSS and each Kubo repository's size.",
            "With --caliper-fixture FILE: sets up T tasks instead, uploads their round-1 updates and writes the"
                    + " submissions for Caliper's round:submitUpdate workload (bench/caliper) without submitting them."
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 usage or no network at --profiles-dir, 2 a peer, Kubo node or chaincode server"
                    + " unavailable, 3 ledger refused, 4 a round aggregated fewer updates than submitted, 70 internal."
        })
public final class RoundBenchCommand implements Callable<Integer> {

    static final int MAX_ROUNDS = 1000;
    static final int MAX_TASKS = 100;
    static final int MAX_CONCURRENCY = 256;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--participants",
            required = true,
            paramLabel = "K",
            description = "Participants (1 to " + TaskSpec.MAX_PARTICIPANTS + "), spread round-robin over the"
                    + " organisations.")
    private int participants;

    @Option(
            names = "--params",
            required = true,
            paramLabel = "P",
            description = "float32 values per update (" + BenchTask.MIN_PARAMS + " to " + BenchTask.MAX_PARAMS + ").")
    private int params;

    @Option(names = "--rounds", paramLabel = "R", description = "Rounds (1 to " + MAX_ROUNDS + "; default 3).")
    private Integer rounds;

    @Option(
            names = "--caliper-fixture",
            paramLabel = "FILE",
            description = "Set up tasks and write Caliper's round:submitUpdate fixture to FILE instead of running"
                    + " rounds.")
    private Path fixture;

    @Option(
            names = "--tasks",
            paramLabel = "T",
            description =
                    "With --caliper-fixture: tasks, each with all K participants (1 to " + MAX_TASKS + "; default 1).")
    private Integer tasks;

    @Option(
            names = "--concurrency",
            defaultValue = "16",
            paramLabel = "N",
            description = "Uploads, submissions and registrations in flight at once (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(
            names = "--no-dp",
            description =
                    "A task without DP (default: a light DP policy, so every submission runs the RDP" + " accountant).")
    private boolean noDp;

    @Option(
            names = "--retention",
            paramLabel = "N",
            description = "Give the task the retention policy 'keep updates N rounds after aggregation' and, after"
                    + " each round, have every organisation's admin prune its Kubo node (untimed), as `medfed storage"
                    + " prune` does, so the repository figures show the disk a round takes under the policy"
                    + " (default: no policy, every update stays pinned).")
    private Integer retention;

    @Option(
            names = "--round-seconds",
            defaultValue = "86400",
            paramLabel = "S",
            description = "Each round's deadline in ledger time (default: ${DEFAULT-VALUE}).")
    private long roundSeconds;

    @Option(
            names = "--timeout",
            defaultValue = "300",
            paramLabel = "SECONDS",
            description = "Deadline of each ledger and Kubo call (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Seed of the updates, mixed with the task id (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = "--profiles-dir",
            paramLabel = "DIR",
            defaultValue = "${env:MEDFED_PROFILES_DIR:-network/data/profiles}",
            description = "The running network's profiles; its parent is the network's data folder (env"
                    + " MEDFED_PROFILES_DIR; default: ${DEFAULT-VALUE}).")
    private Path profilesDir;

    @Option(names = "--json", description = "Print one JSON object instead of tables.")
    private boolean json;

    private final ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);

    @Override
    public Integer call() {
        validate();
        try {
            return fixture == null ? runRounds() : writeFixture();
        } catch (MedfedException e) {
            return fail(e.describe(), ExitCodes.of(e));
        } catch (ProfileException e) {
            return fail(e.getMessage(), ExitCodes.USAGE);
        } catch (NoSuchFileException e) {
            return fail("no network here: " + e.getMessage(), ExitCodes.USAGE);
        } catch (BlobStoreException e) {
            return fail("a Kubo node failed: " + e.getMessage(), ExitCodes.NETWORK_UNAVAILABLE);
        } catch (RoundLoad.RoundNotClosedException e) {
            return fail(e.getMessage(), ExitCodes.LEDGER_REFUSED);
        } catch (OutOfMemoryError e) {
            return fail(
                    "out of memory with " + participants + " updates of " + params + " values; raise -Xmx via"
                            + " MEDFED_JAVA_OPTS",
                    ExitCodes.INTERNAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", ExitCodes.INTERNAL);
        } catch (Exception e) {
            return fail("internal error: " + e, ExitCodes.INTERNAL);
        }
    }

    /** Every problem with the options at once, before anything touches the network. */
    void validate() {
        List<String> problems = new ArrayList<>();
        range(problems, "--participants", participants, 1, TaskSpec.MAX_PARTICIPANTS);
        range(problems, "--params", params, BenchTask.MIN_PARAMS, BenchTask.MAX_PARAMS);
        range(problems, "--concurrency", concurrency, 1, MAX_CONCURRENCY);
        range(problems, "--round-seconds", roundSeconds, 60, TaskSpec.MAX_ROUND_SECONDS);
        range(problems, "--timeout", timeoutSeconds, 1, 3600);
        if (fixture == null) {
            if (tasks != null) {
                problems.add("--tasks needs --caliper-fixture");
            }
            if (rounds != null) {
                range(problems, "--rounds", rounds, 1, MAX_ROUNDS);
            }
            if (retention != null) {
                // a policy that keeps every round's updates for the whole task would never release anything
                range(problems, "--retention", retention, 0, (rounds == null ? 3 : rounds) - 1L);
            }
        } else {
            if (retention != null) {
                problems.add("--retention does not go with --caliper-fixture (its tasks are never aggregated)");
            }
            if (rounds != null) {
                problems.add("--rounds does not go with --caliper-fixture (Caliper submits round 1 of each task)");
            }
            if (tasks != null) {
                range(problems, "--tasks", tasks, 1, MAX_TASKS);
            }
        }
        long roundBytes = 4L * participants * params;
        if (problems.isEmpty() && roundBytes > Runtime.getRuntime().maxMemory() / 2) {
            problems.add(String.format(
                    Locale.ROOT,
                    "a round's %d updates of %d values take %d MiB, more than half of the %d MiB max heap; raise"
                            + " -Xmx via MEDFED_JAVA_OPTS",
                    participants,
                    params,
                    roundBytes >> 20,
                    Runtime.getRuntime().maxMemory() >> 20));
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", problems));
        }
    }

    private static void range(List<String> problems, String option, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(option + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    private int runRounds() throws Exception {
        int r = rounds == null ? 3 : rounds;
        try (BenchSetUp bench = setUp()) {
            String taskId = taskId(null);
            long start = System.nanoTime();
            RetentionPolicy policy = retention == null ? null : new RetentionPolicy(retention, null);
            TaskSpec task = bench.load().createTask(taskId, params, r, roundSeconds, !noDp, policy);
            double taskMs = (System.nanoTime() - start) / 1e6;
            Map<String, Long> before = bench.load().repoBytes();
            boolean peaksReset = bench.network().resetPeakRss();
            List<RoundLoad.RoundFigures> figures = new ArrayList<>();
            for (long n = 1; n <= r; n++) {
                RoundLoad.RoundFigures round = bench.load().round(task, n, policy != null);
                figures.add(round);
                progress(String.format(
                        Locale.ROOT,
                        "round %d/%d: upload %.0f ms, submit %.0f ms, close %.0f ms, aggregate %.0f ms; %d of %d"
                                + " updates aggregated",
                        n,
                        r,
                        round.phases().uploadMs(),
                        round.phases().submitMs(),
                        round.phases().closeMs(),
                        round.phases().aggregateMs(),
                        round.contributions(),
                        participants));
            }
            RoundBenchReport report = new RoundBenchReport(
                    new RoundBenchReport.Settings(
                            bench.network().engine(),
                            Runtime.getRuntime().availableProcessors(),
                            bench.network().orgs().stream()
                                    .map(BenchNetwork.Org::name)
                                    .toList(),
                            participants,
                            params,
                            r,
                            concurrency,
                            taskId,
                            noDp ? "none" : "light",
                            retention,
                            seed,
                            peaksReset),
                    new RoundBenchReport.Setup(bench.identitiesMs(), bench.registrationMs(), taskMs),
                    before,
                    figures,
                    bench.network().processPeakRssKiB());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(report.toJson());
                out.flush();
            } else {
                report.print(out);
            }
            for (RoundLoad.RoundFigures round : figures) {
                if (round.contributions() != participants) {
                    return fail(
                            "round " + round.round() + " aggregated " + round.contributions() + " of " + participants
                                    + " updates (" + round.excluded() + " excluded): see `medfed round show "
                                    + taskId + " " + round.round() + "`",
                            ExitCodes.VERIFICATION_FAILED);
                }
            }
            return ExitCodes.OK;
        }
    }

    private int writeFixture() throws Exception {
        int t = tasks == null ? 1 : tasks;
        try (BenchSetUp bench = setUp()) {
            List<String> taskIds = new ArrayList<>();
            for (int i = 1; i <= t; i++) {
                taskIds.add(taskId(i));
            }
            long start = System.nanoTime();
            double[] uploadMs = new double[1];
            CaliperFixture prepared = bench.load().fixture(taskIds, params, roundSeconds, !noDp, uploadMs);
            double setUpMs = (System.nanoTime() - start) / 1e6;
            prepared.write(fixture);
            JsonObject summary = new JsonObject();
            summary.addProperty("fixture", fixture.toAbsolutePath().normalize().toString());
            summary.addProperty("engine", prepared.engine());
            summary.addProperty("tasks", t);
            summary.addProperty("participants", participants);
            summary.addProperty("params", params);
            summary.addProperty("submissions", prepared.submissions().size());
            summary.addProperty("dp", noDp ? "none" : "light");
            summary.addProperty("identitiesMs", RoundBenchReport.ms(bench.identitiesMs()));
            summary.addProperty("registrationMs", RoundBenchReport.ms(bench.registrationMs()));
            summary.addProperty("tasksAndUploadsMs", RoundBenchReport.ms(setUpMs));
            summary.addProperty("uploadMs", RoundBenchReport.ms(uploadMs[0]));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(summary);
            } else {
                out.printf(
                        Locale.ROOT,
                        "wrote %s: %d task(s) x %d identities = %d submissions of round 1 (P=%d, %s ledger, %s DP);"
                                + " their blobs are on the submitters' Kubo nodes%n",
                        summary.get("fixture").getAsString(),
                        t,
                        participants,
                        prepared.submissions().size(),
                        params,
                        prepared.engine(),
                        summary.get("dp").getAsString());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private BenchSetUp setUp() throws Exception {
        return BenchSetUp.open(
                profilesDir, participants, concurrency, Duration.ofSeconds(timeoutSeconds), seed, this::progress);
    }

    /** {@code bench-<UTC start time>-k<K>-p<P>}, and {@code -t<i>} for the fixture's i-th task. */
    private String taskId(Integer index) {
        return "bench-" + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-k" + participants + "-p"
                + params + (index == null ? "" : "-t" + index);
    }

    private void progress(String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(line);
        err.flush();
    }

    private int fail(String line, int exitCode) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: " + line);
        err.flush();
        return exitCode;
    }
}
