package org.medfed.client.view;

import java.io.PrintWriter;
import org.medfed.common.model.DatasetDescription;

/** One dataset description as label/value lines ({@code dataset show}, {@code dataset register}). */
public final class DatasetFields {

    private DatasetFields() {}

    public static void print(PrintWriter out, DatasetDescription d) {
        Table.fields()
                .row("dataset", d.id())
                .row("owner", d.ownerId())
                .row("rows", d.rowCount())
                .row("schema sha256", d.schemaSha256())
                .row("content sha256", d.contentSha256())
                .row("purpose", d.purpose())
                .row("consent basis", d.consentBasis())
                .row("licence", d.licence())
                .row("registered", d.registeredAt())
                .print(out);
    }
}
