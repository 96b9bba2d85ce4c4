package org.medfed.client.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Paging of the ledger's listings: one page by default, every page with {@code --all}. */
public final class PageOptions {

    static final int MAX_PAGE_SIZE = 100;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = "--page-size",
            paramLabel = "N",
            defaultValue = "20",
            description = "Records per page, 1 to " + MAX_PAGE_SIZE + " (default: ${DEFAULT-VALUE}).")
    private int pageSize;

    @Option(
            names = "--bookmark",
            paramLabel = "BOOKMARK",
            defaultValue = "",
            description = "Start at this page (the bookmark a previous page printed).")
    private String bookmark;

    @Option(names = "--all", description = "Follow the bookmarks and list every page.")
    private boolean all;

    int pageSize() {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ParameterException(
                    spec.commandLine(), "--page-size must be from 1 to " + MAX_PAGE_SIZE + ", got " + pageSize);
        }
        if (all && !bookmark.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--all and --bookmark cannot be combined");
        }
        return pageSize;
    }

    String bookmark() {
        return bookmark;
    }

    boolean all() {
        return all;
    }
}
