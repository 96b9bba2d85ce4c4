package org.medfed.client.cli;

import java.nio.file.Path;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.view.TaskFields;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.TaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "create",
        description = {
            "Create a training task from a JSON spec (task:createTask; consortium admins); round 1 opens.",
            "The spec (docs/ledger-schema.md, \"Request arguments\") is checked here with fl-common's TaskSpec "
                    + "first, so a mistake names its field before anything is sent.",
            "A spec without \"dp\" creates a task without differential privacy; the output says so."
        })
final class TaskCreateCommand extends LedgerCommand {

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The task spec, a JSON file.")
    private Path specFile;

    @Option(names = "--dry-run", description = "Only check the spec; send nothing.")
    private boolean dryRun;

    private TaskSpec spec;

    @Override
    protected boolean prepare() throws Exception {
        spec = TaskSpecFile.read(specFile);
        if (dryRun) {
            if (json) {
                printJson(CanonicalJson.encode(spec.toJson()));
            } else {
                out().println("The spec in " + specFile + " is valid: task " + spec.id() + ", " + spec.rounds()
                        + " rounds, " + spec.eligibleParticipants().size() + " eligible participants. Dry run: "
                        + "nothing was sent.");
                noteWithoutDp();
            }
        }
        return !dryRun;
    }

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        int code = answer(new TaskLedger(ledger).create(spec), TaskFields::printWrite);
        if (!json) {
            noteWithoutDp();
        }
        return code;
    }

    /** Said openly, as the ledger does: nothing about such a task is private by construction. */
    private void noteWithoutDp() {
        if (!spec.differentiallyPrivate()) {
            out().println("Note: task " + spec.id() + " has no \"dp\" policy, so it is NOT differentially private: "
                    + "its updates declare no noise, no privacy budget is kept and no epsilon is guaranteed. Client "
                    + "nodes refuse it unless their configuration sets limits.allowTasksWithoutDp: true.");
        }
    }
}
