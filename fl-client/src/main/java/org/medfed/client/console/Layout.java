package org.medfed.client.console;

/**
 * The frame of every page: skip link, navigation with the search form, the page's {@code <main>} and a footer
 * naming the identity the console reads as. The stylesheet and the one script are the console's own files; a page
 * whose {@code <main>} has {@code data-live} is refreshed by that script when the ledger emits an event.
 */
public final class Layout {

    /** The identity and engine the console reads as, shown in every footer. */
    private final String readingAs;

    public Layout(String readingAs) {
        this.readingAs = readingAs;
    }

    /** A whole page; {@code liveTask} is the task whose events refresh it, "" for any task, null for none. */
    public String page(String title, String liveTask, String body) {
        String live = liveTask == null ? "" : " data-live=\"" + Html.text(Links.events(liveTask)) + "\"";
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.text(title) + " · medfed console</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + Links.STYLE + "\">\n"
                + "<script src=\"" + Links.SCRIPT + "\" defer></script>\n"
                + "</head>\n<body>\n"
                + "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
                + "<header>\n<nav aria-label=\"Main\">\n<a class=\"brand\" href=\"/\">medfed console</a>\n<ul>\n"
                + "<li>" + Html.link(Links.TASKS, "Tasks") + "</li>\n"
                + "<li>" + Html.link(Links.PARTICIPANTS, "Participants") + "</li>\n"
                + "<li>" + Html.link(Links.DATASETS, "Datasets") + "</li>\n"
                + "<li>" + Html.link(Links.ACCESS, "Access") + "</li>\n"
                + "</ul>\n"
                + "<form class=\"search\" role=\"search\" method=\"get\" action=\"" + Links.SEARCH + "\">\n"
                + "<label for=\"q\">Search</label>\n"
                + "<input id=\"q\" name=\"q\" type=\"search\" placeholder=\"task, transaction, CID or participant id\">\n"
                + "<button type=\"submit\">Search</button>\n</form>\n</nav>\n</header>\n"
                + "<main id=\"main\" tabindex=\"-1\"" + live + ">\n"
                + body
                + "</main>\n"
                + "<div id=\"live-status\" class=\"live-status\" role=\"status\" aria-live=\"polite\"></div>\n"
                + "<footer><p>Read-only view of the ledger as " + Html.text(readingAs)
                + ": evaluate transactions only. Every figure links to the ledger record it comes from.</p></footer>\n"
                + "</body>\n</html>\n";
    }
}
