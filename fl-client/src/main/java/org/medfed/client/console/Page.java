package org.medfed.client.console;

/** One of the console's pages: reads the ledger and returns what goes in {@code <main>}. */
@FunctionalInterface
interface Page {

    Rendered render(Request request) throws Exception;

    /** A page's title, the task whose events refresh it (null: not live, "": any task) and its body. */
    record Rendered(String title, String liveTask, String body) {}
}
