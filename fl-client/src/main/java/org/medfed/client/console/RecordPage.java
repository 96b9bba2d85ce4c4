package org.medfed.client.console;

import java.util.List;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.ProvenanceLedger;
import org.medfed.client.ledger.RecordVersion;

/**
 * Every committed version of one ledger record, oldest first, with the transaction that wrote it
 * (provenance:getHistory, as {@code medfed audit KEY}): where each figure on the other pages comes from.
 */
final class RecordPage implements Page {
    private final LedgerClient ledger;

    RecordPage(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Override
    public Rendered render(Request request) throws Exception {
        String key = request.required("key");
        List<RecordVersion> versions = new ProvenanceLedger(ledger).history(key).value();
        StringBuilder body = new StringBuilder("<h1>Ledger record <code>")
                .append(Html.text(key))
                .append("</code></h1>\n<p class=\"lead\">")
                .append(versions.size())
                .append(" committed version(s), oldest first, from provenance:getHistory.</p>\n");
        int i = 1;
        for (RecordVersion version : versions) {
            body.append("<section aria-labelledby=\"v")
                    .append(i)
                    .append("\">\n<h2 id=\"v")
                    .append(i)
                    .append("\">Version ")
                    .append(i)
                    .append("</h2>\n")
                    .append(new FactList()
                            .fact("transaction", "<code>" + Html.text(version.txId()) + "</code>")
                            .fact("committed", Html.text(version.timestamp()))
                            .fact("deleted", version.deleted() ? "yes" : "no")
                            .render())
                    .append(
                            version.value() == null
                                    ? ""
                                    : "<pre class=\"record\">" + Html.text(version.value()) + "</pre>\n")
                    .append("</section>\n");
            i++;
        }
        return new Rendered("Record " + key, null, body.toString());
    }
}
