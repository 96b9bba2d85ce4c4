package org.medfed.client.cli;

import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.DatasetLedger;
import org.medfed.client.ledger.DatasetUse;
import org.medfed.client.ledger.DatasetUses;
import org.medfed.client.ledger.Page;
import org.medfed.client.ledger.Reply;
import org.medfed.client.view.DatasetUseFields;
import org.medfed.client.view.Table;
import org.medfed.common.model.Checks;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.UsageReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code dataset approve|decline|revoke|uses|usage}: the holders' decisions on tasks' use of their datasets. */
final class DatasetUseCommands {
    private DatasetUseCommands() {}

    /** A holder's decision on TASK's use of its DATASET; the subclasses name the transaction. */
    abstract static class Decision extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "TASK", description = "The task that asks to use the dataset.")
        String taskId;

        @Parameters(index = "1", paramLabel = "DATASET", description = "Your dataset's id.")
        String datasetId;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded on the ledger.")
        String reason = "";

        /** Whether the transaction needs a reason (decline and revoke). */
        abstract boolean needsReason();

        abstract Reply<DatasetUseApproval> decide(DatasetLedger datasets) throws MedfedException;

        @Override
        protected boolean prepare() {
            if (needsReason() && reason.isBlank()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--reason is required: the ledger records why, for the holders and auditors");
            }
            try {
                Checks.id("TASK", taskId);
                Checks.id("DATASET", datasetId);
                if (!reason.isEmpty()) {
                    Checks.text("--reason", reason, DatasetUseApproval.MAX_REASON);
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            return true;
        }

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(decide(new DatasetLedger(ledger)), DatasetUseFields::print);
        }
    }

    @Command(
            name = "approve",
            description = {
                "Approve TASK's use of your DATASET for the purpose the task declares (dataset:approveDatasetUse;"
                        + " the holder that registered it).",
                "The task trains on the dataset from its next submission on."
            })
    static final class Approve extends Decision {
        @Override
        boolean needsReason() {
            return false;
        }

        @Override
        Reply<DatasetUseApproval> decide(DatasetLedger datasets) throws MedfedException {
            return datasets.approveUse(taskId, datasetId, reason);
        }
    }

    @Command(
            name = "decline",
            description = "Decline TASK's pending use of your DATASET, with --reason (dataset:declineDatasetUse).")
    static final class Decline extends Decision {
        @Override
        boolean needsReason() {
            return true;
        }

        @Override
        Reply<DatasetUseApproval> decide(DatasetLedger datasets) throws MedfedException {
            return datasets.declineUse(taskId, datasetId, reason);
        }
    }

    @Command(
            name = "revoke",
            description = {
                "Revoke your approval of TASK's use of DATASET, with --reason (dataset:revokeDatasetUse).",
                "The dataset's next update is refused; updates already accepted, and the models made from them, stay."
            })
    static final class Revoke extends Decision {
        @Override
        boolean needsReason() {
            return true;
        }

        @Override
        Reply<DatasetUseApproval> decide(DatasetLedger datasets) throws MedfedException {
            return datasets.revokeUse(taskId, datasetId, reason);
        }
    }

    @Command(
            name = "uses",
            description = "Every dataset TASK admits with its holder's decision, or pending (dataset:listDatasetUses).")
    static final class Uses extends LedgerCommand {
        @Parameters(paramLabel = "TASK", description = "Task id.")
        private String taskId;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new DatasetLedger(ledger).uses(taskId), this::print);
        }

        private void print(java.io.PrintWriter out, DatasetUses uses) {
            out.println("task " + uses.taskId() + ": "
                    + (uses.approvalRequired()
                            ? "purpose " + uses.purpose().wire() + " ("
                                    + uses.purpose().meaning() + "); each holder must approve"
                            : "declares no purpose; no approval needed"));
            Table table = Table.of("dataset", "holder", "status", "decided", "reason");
            for (DatasetUse use : uses.items()) {
                DatasetUseApproval d = use.decision();
                table.row(
                        use.datasetId(),
                        use.holderId(),
                        use.status(),
                        d == null ? null : d.decidedAt(),
                        d == null ? null : d.reason());
            }
            table.print(out);
        }
    }

    @Command(
            name = "usage",
            description = {
                "The usage receipts of DATASET: one per aggregated round that used it, by task and round"
                        + " (dataset:listUsageReceipts).",
                "Each names the update (none for a masked input), the global model it went into, the purpose and"
                        + " the approval it was used under."
            })
    static final class Usage extends LedgerCommand {
        @Parameters(paramLabel = "DATASET", description = "Dataset id.")
        private String datasetId;

        @Mixin
        private PageOptions paging;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            DatasetLedger datasets = new DatasetLedger(ledger);
            int size = paging.pageSize();
            Reply<Page<UsageReceipt>> reply = paging.all()
                    ? datasets.allUsageReceipts(datasetId, size)
                    : datasets.usageReceipts(datasetId, size, paging.bookmark());
            if (json) {
                printJson(reply.json());
                return ExitCodes.OK;
            }
            Table table = Table.of("task", "round", "examples", "update", "global model", "purpose", "approval");
            for (UsageReceipt r : reply.value().items()) {
                table.row(
                        r.taskId(),
                        r.round(),
                        r.numExamples(),
                        r.masked() ? "masked" : r.updateSha256(),
                        r.globalModelCid(),
                        r.purpose() == null ? null : r.purpose().wire(),
                        DatasetUseFields.approval(r));
            }
            table.print(out());
            Table.pageFooter(out(), reply.value(), "receipts");
            return ExitCodes.OK;
        }
    }
}
