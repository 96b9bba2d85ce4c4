package org.medfed.client.console;

import java.net.URI;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.verify.Difference;
import org.medfed.client.verify.RoundVerdict;
import org.medfed.client.verify.RoundVerifier;

/**
 * The Verify button: recomputes one round from its updates' blobs on the profile organisation's Kubo node with the
 * aggregator's own code ({@link RoundVerifier}, as {@code medfed verify round}) and says OK, or MISMATCH and the
 * first difference, or PRUNED when the task's retention policy released the round's inputs and the node no longer
 * holds them. It reads blobs and the ledger; it writes nothing.
 */
final class VerifyPage implements Page {
    private final LedgerClient ledger;
    private final BlobStoreFactory blobStores;
    private final URI ipfsApi;

    VerifyPage(LedgerClient ledger, BlobStoreFactory blobStores, URI ipfsApi) {
        this.ledger = ledger;
        this.blobStores = blobStores;
        this.ipfsApi = ipfsApi;
    }

    @Override
    public Rendered render(Request request) throws Exception {
        String taskId = request.required("task");
        long n = request.round("n");
        RoundVerdict verdict =
                RoundVerifier.overNode(ledger, blobStores, ipfsApi, verifier -> verifier.verify(taskId, n));
        String round = "round " + n + " of task " + taskId;
        StringBuilder body =
                new StringBuilder("<h1>Verify ").append(Html.text(round)).append("</h1>\n");
        if (verdict.inputsPruned()) {
            body.append("<p class=\"verdict-pruned\" id=\"verdict\" role=\"status\">PRUNED</p>\n<p>")
                    .append(Html.text(capitalised(verdict.pruned())))
                    .append(". The recorded model's SHA-256 is ")
                    .append(Html.shortCode(verdict.recorded().globalModel().sha256()))
                    .append("; checked against ")
                    .append(Html.text(ipfsApi))
                    .append(".</p>\n");
        } else if (verdict.ok()) {
            body.append("<p class=\"verdict-ok\" id=\"verdict\" role=\"status\">OK</p>\n<p>The model (SHA-256 ")
                    .append(Html.shortCode(verdict.recomputed().sha256()))
                    .append(") was recomputed bit for bit from ")
                    .append(verdict.updates())
                    .append(" updates, with ")
                    .append(verdict.recorded().contributions().size())
                    .append(" contributions with the same quality scores and ")
                    .append(verdict.recorded().excluded().size())
                    .append(" excluded, from the blobs of ")
                    .append(Html.text(ipfsApi))
                    .append(".</p>\n");
        } else {
            Difference d = verdict.difference();
            body.append("<p class=\"verdict-bad\" id=\"verdict\" role=\"alert\">MISMATCH</p>\n")
                    .append(HtmlTable.of(
                                    "The first difference between the ledger and the recomputation",
                                    "field",
                                    "on the ledger",
                                    "recomputed")
                            .row(Html.text(d.field()), Html.text(d.recorded()), Html.text(d.recomputed()))
                            .render());
        }
        body.append("<p>How: the round's exact input (aggregator:getRoundInput) and its record "
                        + "(round:getAggregation) are read from the ledger, every blob is fetched by CID and checked "
                        + "against its SHA-256, and the aggregate is recomputed with fl-common. ")
                .append(Html.link(Links.round(taskId, n), "Back to the round"))
                .append(".</p>\n");
        return new Rendered("Verify " + round, null, body.toString());
    }

    private static String capitalised(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
