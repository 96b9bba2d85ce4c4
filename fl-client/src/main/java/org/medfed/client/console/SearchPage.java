package org.medfed.client.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.ProvenanceLedger;
import org.medfed.client.ledger.RoundResultsLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.protocol.ErrorCode;

/**
 * Finds what the ledger holds under a task id, transaction id, CID, SHA-256 or participant id. Direct reads first
 * (task:getTask, the participant list, provenance:getModelLineage), then a scan of every round's updates and
 * aggregation of every task for the transaction, blob or participant: linear in the ledger's rounds, which is fine
 * for a consortium's tasks and is said on the page.
 */
final class SearchPage implements Page {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final LedgerClient ledger;

    SearchPage(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Override
    public Rendered render(Request request) throws Exception {
        String query = request.optional("q").orElse("");
        StringBuilder body = new StringBuilder("<h1>Search</h1>\n");
        if (query.isEmpty()) {
            body.append("<p>Type a task id, a transaction id, a CID, a SHA-256 or a participant id in the search "
                    + "box.</p>\n");
            return new Rendered("Search", null, body.toString());
        }
        List<String> found = find(query);
        body.append("<p class=\"lead\">")
                .append(found.size())
                .append(" result(s) for <code>")
                .append(Html.text(query))
                .append("</code>.</p>\n");
        if (found.isEmpty()) {
            body.append("<p>Nothing on the ledger has this id. Task ids are case-sensitive; transaction ids, "
                    + "SHA-256 hashes and participant ids are 64 lower-case hex digits.</p>\n");
        } else {
            body.append("<ul class=\"results\">\n");
            found.forEach(item -> body.append("<li>").append(item).append("</li>\n"));
            body.append("</ul>\n");
        }
        return new Rendered("Search: " + query, null, body.toString());
    }

    private List<String> find(String query) throws MedfedException {
        List<String> found = new ArrayList<>();
        Directory names = Directory.read(ledger);
        List<Task> tasks = new TaskLedger(ledger).listAll(100).value().items();
        String hex = query.toLowerCase(Locale.ROOT);
        for (Task task : tasks) {
            if (task.id().equals(query)) {
                found.add("task " + Html.link(Links.task(task.id()), task.id()) + ": "
                        + Html.text(task.spec().title()));
            }
        }
        Participant participant = names.get(hex);
        if (participant != null) {
            found.add("participant " + names.link(hex) + ", "
                    + Html.text(participant.role().wire()));
        }
        if (!query.contains(" ")) {
            found.addAll(models(HEX64.matcher(hex).matches() ? hex : query));
        }
        RoundResultsLedger results = new RoundResultsLedger(ledger);
        for (Task task : tasks) {
            for (long n = 1; n <= task.currentRound(); n++) {
                scanRound(results, task, n, query, hex, names, found);
            }
        }
        return found;
    }

    /** The global or initial model the query names (by CID or SHA-256), through provenance:getModelLineage. */
    private List<String> models(String query) throws MedfedException {
        List<String> found = new ArrayList<>();
        try {
            for (var lineage : new ProvenanceLedger(ledger).lineages(query).value()) {
                Object task = lineage.get("taskId");
                Object round = lineage.get("round");
                found.add("model of round " + Html.text(round) + " of task "
                        + Html.link(Links.task(String.valueOf(task)), task) + ": "
                        + Html.link(Links.lineage(query), "its lineage"));
            }
        } catch (MedfedException e) {
            if (!isRefusal(e)) {
                throw e;
            }
        }
        return found;
    }

    private static void scanRound(
            RoundResultsLedger results,
            Task task,
            long n,
            String query,
            String hex,
            Directory names,
            List<String> found)
            throws MedfedException {
        String round = Html.link(Links.round(task.id(), n), "round " + n + " of " + task.id());
        for (UpdateRecord update : results.updates(task.id(), n).value()) {
            String who = names.link(update.participantId());
            if (update.txId().equals(query)) {
                found.add("transaction of " + who + "'s update in " + round);
            }
            if (update.submission().cid().equals(query)
                    || update.submission().sha256().equals(hex)) {
                found.add("update blob of " + who + " in " + round);
            }
            if (update.participantId().equals(hex)) {
                found.add("update by " + who + " in " + round);
            }
        }
        AggregationRecord aggregation = aggregation(results, task, n);
        if (aggregation != null) {
            ContentRef model = aggregation.globalModel();
            if (aggregation.txId().equals(query)) {
                found.add("transaction of the aggregation of " + round);
            }
            if (model.cid().equals(query) || model.sha256().equals(hex)) {
                found.add("global model of " + round + ": " + Html.link(Links.lineage(model.cid()), "its lineage"));
            }
        }
    }

    private static AggregationRecord aggregation(RoundResultsLedger results, Task task, long n) throws MedfedException {
        try {
            return results.aggregation(task.id(), n).value();
        } catch (MedfedException e) {
            if (isRefusal(e)) {
                return null;
            }
            throw e;
        }
    }

    /** The ledger has no such record (or refuses the query as malformed): no result, not an error. */
    private static boolean isRefusal(MedfedException e) {
        return e.isFromChaincode()
                && (e.code().equals(ErrorCode.NOT_FOUND.name()) || e.code().equals(ErrorCode.INVALID_ARGUMENT.name()));
    }
}
