package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code kill -9} of one of a real network's processes and its restart with the network's own scripts, for the fault
 * ITs. A process is found as {@code network.sh} itself finds it: by the PID file it wrote under {@code data/pids/}
 * and the {@code MEDFED_PROCESS=<name>} tag in that PID's environment, so a recycled PID is never killed. Names are
 * the scripts' own: {@code chaincode-<org>}, {@code ipfs-<org>}, {@code ledger} (embedded), {@code peer-<org>},
 * {@code orderer<k>} (Fabric).
 */
final class ProcessFaults {

    /** A process killed with SIGKILL: its name, PID, and when the signal was sent ({@link System#nanoTime}). */
    record Killed(String name, long pid, long atNanos) {}

    /** A call that ran while a process was killed: when it started and ended, and how it ended. */
    record InFlight(long startNanos, long endNanos, Killed killed, byte[] result, Exception failure) {

        /** The kill landed while the call was running: after it started and before it returned or failed. */
        boolean killLandedMidCall() {
            return killed.atNanos() > startNanos && killed.atNanos() < endNanos;
        }

        boolean failed() {
            return failure != null;
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "call of %d ms, %s killed %d ms after it started; %s",
                    TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos),
                    killed.name(),
                    TimeUnit.NANOSECONDS.toMillis(killed.atNanos() - startNanos),
                    failed() ? "failed: " + failure : "returned");
        }
    }

    /** One ledger call of a test, run on its own thread by {@link #killDuring}. */
    @FunctionalInterface
    interface Call {
        byte[] call() throws Exception;
    }

    private final RealNetwork net;

    ProcessFaults(RealNetwork net) {
        this.net = net;
    }

    /** The PID of the running process {@code name} that the network's scripts started; fails when none runs. */
    long pid(String name) {
        Path file = net.dataDir().resolve("pids/" + name + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(file, UTF_8).strip());
            byte[] environ = Files.readAllBytes(Path.of("/proc/" + pid + "/environ"));
            boolean tagged =
                    Arrays.asList(new String(environ, UTF_8).split("\0")).contains("MEDFED_PROCESS=" + name);
            if (!tagged) {
                throw new AssertionError("PID " + pid + " of " + file + " is not " + name + " (no MEDFED_PROCESS tag)");
            }
            return pid;
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError(name + " is not running (" + file + "): " + e, e);
        }
    }

    /** Sends SIGKILL to {@code name} and waits until it is gone. */
    Killed kill9(String name) {
        long pid = pid(name);
        ProcessHandle process =
                ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " (PID " + pid + ") is gone"));
        long at = System.nanoTime();
        // On Linux destroyForcibly is SIGKILL: no shutdown hook, no flush, as a crash or the OOM killer.
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(name + " (PID " + pid + ") did not die within 30 s of SIGKILL", e);
        }
        System.out.printf("[kill -9] %s (PID %d)%n", name, pid);
        return new Killed(name, pid, at);
    }

    /**
     * Starts {@code name} again with the network's own command for it, then requires {@code network.sh status} to
     * report every process up: {@code restart-chaincode ORG}, {@code start-ipfs ORG}, or {@code up} (which resumes
     * the ledger, peers and orderers that are down and leaves the rest running).
     */
    void restart(String name) {
        long start = System.nanoTime();
        if (name.startsWith("chaincode-")) {
            net.require(180, "restart-chaincode", org(name.substring("chaincode-".length())));
        } else if (name.startsWith("ipfs-")) {
            net.require(120, "start-ipfs", org(name.substring("ipfs-".length())));
        } else if (name.equals("ledger") || name.startsWith("peer-") || name.startsWith("orderer")) {
            net.require(600, "up");
        } else {
            throw new IllegalArgumentException("no network process is called " + name);
        }
        net.require(120, "status");
        System.out.printf(
                "[restart] %s healthy again after %d ms%n",
                name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** When to send the signal, asked every few milliseconds once the call has started. */
    @FunctionalInterface
    interface Trigger {
        boolean fire(long sinceCallStartNanos) throws Exception;
    }

    /** Fires {@code delay} after the call started. */
    static Trigger after(Duration delay) {
        return since -> since >= delay.toNanos();
    }

    /**
     * Fires once {@code process} has used {@code cpu} of processor time more than when this was made: it is busy
     * with the call (an idle server uses next to none), whatever the machine's load.
     */
    Trigger busy(String process, Duration cpu) {
        ProcessHandle handle = ProcessHandle.of(pid(process)).orElseThrow();
        Duration before = cpuTime(handle);
        return since -> cpuTime(handle).minus(before).compareTo(cpu) >= 0;
    }

    private static Duration cpuTime(ProcessHandle handle) {
        return handle.info()
                .totalCpuDuration()
                .orElseThrow(() -> new AssertionError("no CPU time for PID " + handle.pid()));
    }

    /**
     * Runs {@code call} on a thread of its own and kills {@code process} once {@code when} fires (or the call ended
     * first, which {@link InFlight#killLandedMidCall()} then reports). Waits for the call to end, however it ends.
     */
    InFlight killDuring(Call call, Trigger when, String process) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        long[] times = new long[2];
        CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
            times[0] = System.nanoTime();
            started.countDown();
            try {
                return call.call();
            } catch (Exception e) {
                return e;
            } finally {
                times[1] = System.nanoTime();
            }
        });
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the call did not start");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!outcome.isDone() && !when.fire(System.nanoTime() - times[0]) && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        Killed killed = kill9(process);
        Object result = outcome.get(300, TimeUnit.SECONDS);
        InFlight inFlight = result instanceof Exception e
                ? new InFlight(times[0], times[1], killed, null, e)
                : new InFlight(times[0], times[1], killed, (byte[]) result, null);
        System.out.println("[in flight] " + inFlight.describe());
        return inFlight;
    }

    /** The organisation of a process name's lower-case suffix ({@code hospital} → {@code Hospital}). */
    private static String org(String lower) {
        return lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1);
    }
}
