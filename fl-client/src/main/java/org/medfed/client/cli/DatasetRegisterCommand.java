package org.medfed.client.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.DatasetFingerprint;
import org.medfed.client.ledger.DatasetLedger;
import org.medfed.client.ledger.Reply;
import org.medfed.client.view.DatasetFields;
import org.medfed.client.view.Table;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.Checks;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DatasetSchema.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "register",
        description = {
            "Describe a local CSV file on the ledger (dataset:registerDataset; data holders).",
            "Hospitals, clinics and wearable gateways may. No value of the file is sent,",
            "only what is computed here:",
            "  content sha256  SHA-256 of the file's bytes as stored. The canonical local",
            "                  file is that copy, unchanged: re-saving or re-encoding it",
            "                  changes the digest (`sha256sum FILE` prints the same one).",
            "  rows            data records after the header row (RFC 4180 CSV in UTF-8;",
            "                  empty lines are skipped).",
            "  schema sha256   fl-common's DatasetSchema fingerprint of the column names",
            "                  and types: int, float or text from the values (an empty",
            "                  field is a missing value), empty (no value at all), or",
            "                  label (the --label columns, whatever their values)."
        })
final class DatasetRegisterCommand extends LedgerCommand {

    @Option(
            names = "--id",
            required = true,
            paramLabel = "ID",
            description = "Dataset id on the ledger, such as icu-2025.")
    private String id;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The local CSV file, header first.")
    private Path csv;

    @Option(names = "--purpose", required = true, paramLabel = "TEXT", description = "What it may be used for.")
    private String purpose;

    @Option(names = "--consent", required = true, paramLabel = "TEXT", description = "Its consent or legal basis.")
    private String consent;

    @Option(names = "--licence", required = true, paramLabel = "TEXT", description = "Its licence.")
    private String licence;

    @Option(
            names = "--label",
            split = ",",
            paramLabel = "COL",
            description = "Label (target) column(s): typed 'label' whatever their values.")
    private List<String> labels = new ArrayList<>();

    @Option(names = "--dry-run", description = "Compute and print what would be registered; send nothing.")
    private boolean dryRun;

    private DatasetFingerprint fingerprint;
    private DatasetRegistration registration;

    @Override
    protected boolean prepare() throws Exception {
        try {
            Checks.id("--id", id);
            Checks.text("--purpose", purpose, DatasetDescription.MAX_TEXT);
            Checks.text("--consent", consent, DatasetDescription.MAX_TEXT);
            Checks.text("--licence", licence, DatasetDescription.MAX_TEXT);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            fingerprint = DatasetFingerprint.of(csv, labels);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException("--csv " + csv + ": " + e.getMessage(), e);
        }
        registration = new DatasetRegistration(
                id,
                fingerprint.schemaSha256(),
                fingerprint.rowCount(),
                fingerprint.contentSha256(),
                purpose,
                consent,
                licence);
        if (!dryRun) {
            return true;
        }
        if (json) {
            printJson(CanonicalJson.encode(registration.toJson()));
        } else {
            printFingerprint();
            out().println("Dry run: nothing was sent.");
        }
        return false;
    }

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        Reply<DatasetDescription> reply = new DatasetLedger(ledger).register(registration);
        if (json) {
            printJson(reply.json());
            return ExitCodes.OK;
        }
        printFingerprint();
        out().println();
        DatasetFields.print(out(), reply.value());
        return ExitCodes.OK;
    }

    private void printFingerprint() {
        Table columns = Table.of("column", "type");
        for (Column column : fingerprint.columns()) {
            columns.row(column.name(), column.type());
        }
        columns.print(out());
        out().println();
        Table.fields()
                .row("rows", fingerprint.rowCount())
                .row("schema sha256", fingerprint.schemaSha256())
                .row("content sha256", fingerprint.contentSha256())
                .print(out());
    }
}
