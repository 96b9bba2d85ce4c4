package org.medfed.embedded;

import java.util.concurrent.ThreadFactory;

/** Threads of the ledger's own that never keep the JVM alive: the process ends when its owner says so. */
public final class DaemonThreads {

    private DaemonThreads() {}

    /** A factory of daemon threads called {@code name}. */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs {@code task} on a new daemon thread called {@code name}. */
    public static void start(String name, Runnable task) {
        named(name).newThread(task).start();
    }
}
