package org.medfed.client.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.medfed.client.ExitCodes;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.DataException;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.ledger.SubsetLedger;
import org.medfed.client.ledger.SubsetView;
import org.medfed.client.subset.SubsetPublisher;
import org.medfed.client.view.Table;
import org.medfed.common.subset.MemberKeys;
import org.medfed.common.subset.SubsetShare;
import org.medfed.common.subset.WarmUpRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code subset key|register-key|show|contribute|decline|warm-up}: a task's consented shared subset. */
@Command(
        name = "subset",
        description = "A task's consented shared subset and the warm-up on it (two-stage training, docs/non-iid.md).",
        subcommands = {
            SubsetCommand.Key.class,
            SubsetCommand.RegisterKey.class,
            SubsetCommand.Show.class,
            SubsetCommand.Contribute.class,
            SubsetCommand.Decline.class,
            SubsetCommand.WarmUp.class
        })
final class SubsetCommand extends GroupCommand {

    @Command(
            name = "key",
            mixinStandardHelpOptions = true,
            exitCodeOnInvalidInput = ExitCodes.USAGE,
            exitCodeOnExecutionException = ExitCodes.INTERNAL,
            description = {
                "Generate this organisation's subset member key (X25519) into FILE, readable by its owner only, and "
                        + "print the public half. Give the file to the organisation's chaincode server "
                        + "(MEDFED_SUBSET_KEY) and client nodes (subset.memberKey); register the public half with "
                        + "`medfed subset register-key`. No network."
            })
    static final class Key extends ReportingCommand {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the key.")
        Path out;

        @Override
        protected int run() throws Exception {
            byte[] key = MemberKeys.generate(new SecureRandom()).privateScalar32();
            try {
                MemberKeys.write(out, key);
            } catch (java.io.IOException e) {
                throw new InputException("cannot write the member key to " + out + ": " + e.getMessage(), e);
            }
            out().println(MemberKeys.publicKeyBase64(key));
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "register-key",
            description = {
                "Register this organisation's member key on the ledger (subset:setMemberKey; an admin of the "
                        + "organisation): shared rows are sealed to every registered organisation."
            })
    static final class RegisterKey extends LedgerCommand {
        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The member key file.")
        Path key;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            String publicKey;
            try {
                publicKey = MemberKeys.publicKeyBase64(MemberKeys.read(key));
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw new InputException("the member key " + key + " cannot be read: " + e.getMessage(), e);
            }
            return answer(
                    new SubsetLedger(ledger).setMemberKey(publicKey),
                    (out, record) -> Table.fields()
                            .row("organisation", record.mspId())
                            .row("public key", record.publicKey())
                            .row("set at", record.setAt())
                            .print(out));
        }
    }

    @Command(name = "show", description = "Where TASK's shared subset stands: each contributor, class totals, warm-up.")
    static final class Show extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "TASK", description = "The task.")
        String taskId;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new SubsetLedger(ledger).subset(taskId), Show::print);
        }

        static void print(PrintWriter out, SubsetView view) {
            Table.fields()
                    .row("task", view.taskId())
                    .row("status", view.status())
                    .row(
                            "rows per class",
                            view.spec().rowsPerClass() + " (beta "
                                    + view.spec().beta().toPlainString() + ", alpha "
                                    + view.spec().alpha().toPlainString() + ")")
                    .row("class totals", view.classTotals())
                    .row("consent", view.spec().consent())
                    .print(out);
            Table table = Table.of("dataset", "status", "class counts", "cid", "at");
            for (SubsetView.Entry e : view.shares()) {
                SubsetShare s = e.share();
                table.row(
                        e.datasetId(),
                        e.status(),
                        s != null && s.contributed()
                                ? s.contribution().classCounts().toString()
                                : "",
                        s != null && s.contributed() ? s.contribution().cid() : (s == null ? "" : s.reason()),
                        s == null ? "" : s.answeredAt().toString());
            }
            table.print(out);
            WarmUpRecord w = view.warmUp();
            if (w != null) {
                out.println("warm-up: " + w.request().warmModel().cid() + " from "
                        + w.initialModel().cid() + " on "
                        + w.request().rows() + " rows " + w.request().classCounts() + " of "
                        + w.request().used()
                        + (w.request().excluded().isEmpty()
                                ? ""
                                : "; excluded " + w.request().excluded().size())
                        + " (tx " + w.txId() + ")");
            }
        }
    }

    @Command(
            name = "contribute",
            description = {
                "Publish this holder's share of TASK's shared subset (subset:contributeRows): its fair share of the "
                        + "rows each class still needs, drawn at random from the training rows of --csv (after "
                        + "--mapping and the node's validation split), sealed to every registered organisation, "
                        + "added to this organisation's Kubo node. --consent must repeat the task's consent verbatim:"
                        + " these rows leave the site and are outside the DP guarantee."
            })
    static final class Contribute extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "TASK", description = "The task.")
        String taskId;

        @Parameters(index = "1", paramLabel = "DATASET", description = "Your dataset's id.")
        String datasetId;

        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The dataset's table.")
        Path csv;

        @Option(names = "--mapping", required = true, paramLabel = "FILE", description = "The task's mapping.")
        Path mappingFile;

        @Option(names = "--consent", required = true, paramLabel = "TEXT", description = "The consent you affirm.")
        String consent;

        @Option(
                names = "--validation",
                paramLabel = "F",
                defaultValue = "0.2",
                description = "The node's validation share (default ${DEFAULT-VALUE}); rows are drawn from the rest.")
        double validation;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "The node's split seed.")
        long seed;

        private final BlobStoreFactory blobs;
        private TabularDataset train;

        Contribute(BlobStoreFactory blobs) {
            this.blobs = blobs;
        }

        @Override
        protected boolean prepare() throws Exception {
            if (!(validation >= 0 && validation < 1)) {
                throw new InputException("--validation must be at least 0 and below 1, got " + validation);
            }
            try {
                train = SchemaMapping.load(mappingFile)
                        .apply(CsvReader.read(csv))
                        .split(validation, seed)
                        .train();
            } catch (DataException e) {
                throw new InputException(e.getMessage(), e);
            }
            return true;
        }

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            SubsetPublisher publisher = new SubsetPublisher(
                    new SubsetLedger(ledger), blobs.open(identity.load().ipfsApi()), new SecureRandom());
            SubsetPublisher.Published published;
            try {
                published = publisher.contribute(taskId, datasetId, train, consent);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new InputException(e.getMessage(), e);
            }
            return answer(
                    published.share(),
                    (out, share) -> out.println("dataset " + datasetId + " shares "
                            + share.contribution().rows() + " rows "
                            + share.contribution().classCounts() + " with task "
                            + taskId + " as " + share.contribution().cid() + " (sealed to "
                            + share.contribution().wrappedKeys().keySet() + ")"));
        }
    }

    @Command(name = "decline", description = "Decline to share rows of DATASET with TASK (subset:declineRows).")
    static final class Decline extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "TASK", description = "The task.")
        String taskId;

        @Parameters(index = "1", paramLabel = "DATASET", description = "Your dataset's id.")
        String datasetId;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; on the ledger.")
        String reason;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(
                    new SubsetLedger(ledger).decline(taskId, datasetId, reason),
                    (out, share) -> out.println("dataset " + datasetId + " declined task " + taskId + "'s subset"));
        }
    }

    @Command(
            name = "warm-up",
            description = {
                "Run stage 1 (aggregator:warmUp): every endorsing organisation opens the shared rows with its member "
                        + "key, warms the initial model up on them and records the same warm model; round 1 then "
                        + "starts from it."
            })
    static final class WarmUp extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "TASK", description = "The task.")
        String taskId;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(
                    new SubsetLedger(ledger).warmUp(taskId),
                    (out, w) -> out.println("task " + taskId
                            + " warmed up: " + w.request().warmModel().cid() + " on "
                            + w.request().rows() + " rows "
                            + w.request().classCounts()
                            + (w.request().excluded().isEmpty()
                                    ? ""
                                    : "; excluded " + w.request().excluded())));
        }
    }
}
