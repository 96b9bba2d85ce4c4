package org.medfed.client.cli;

import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.provenance.Lineage;
import org.medfed.client.provenance.LineageJson;
import org.medfed.client.provenance.LineageLoader;
import org.medfed.client.provenance.LineageMermaid;
import org.medfed.client.provenance.LineageTree;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.Checks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
        name = "provenance",
        description = {
            "Where a global model comes from: every round back to the task's "
                    + "initial model, with the contributing updates, participants, dataset fingerprints, epsilon spent, "
                    + "reputation at the time, strategy and excluded updates (provenance:getModelLineage, task:getTask).",
            "A tree by default; --json for the ledger's lineage objects, --mermaid for a Mermaid graph."
        })
final class ProvenanceCommand extends LedgerCommand {

    @Parameters(paramLabel = "MODEL", description = "The model's CID or SHA-256 (64 hex digits).")
    private String model;

    @Option(names = "--mermaid", description = "Print a Mermaid graph TD instead of the tree.")
    private boolean mermaid;

    @Override
    protected boolean prepare() {
        if (json && mermaid) {
            throw new ParameterException(spec.commandLine(), "--json and --mermaid exclude each other");
        }
        if (!Hashing.isSha256Hex(model) && !Checks.CID.matcher(model).matches()) {
            throw new ParameterException(
                    spec.commandLine(), "MODEL must be a CID or a SHA-256 (64 hex digits), got " + model);
        }
        return true;
    }

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        Lineage lineage = LineageLoader.on(ledger).load(model);
        if (json) {
            printJson(LineageJson.render(lineage));
        } else {
            (mermaid ? LineageMermaid.render(lineage) : LineageTree.render(lineage)).forEach(out()::println);
        }
        return ExitCodes.OK;
    }
}
