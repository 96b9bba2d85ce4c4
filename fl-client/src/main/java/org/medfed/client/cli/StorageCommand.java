package org.medfed.client.cli;

import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.ipfs.PinStore;
import org.medfed.client.retention.PruneReport;
import org.medfed.client.retention.Pruner;
import org.medfed.client.retention.RetentionReads;
import org.medfed.client.retention.StoragePlan;
import org.medfed.client.retention.StoragePlanner;
import org.medfed.client.view.StorageView;
import org.medfed.common.codec.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "storage",
        description = "This organisation's IPFS node and the tasks' retention policies.",
        subcommands = {StorageCommand.Prune.class})
final class StorageCommand extends GroupCommand {

    @Command(
            name = "prune",
            description = {
                "Apply every task's retention policy to the profile organisation's Kubo node: unpin the round inputs"
                        + " (updates, control deltas) the policies released and no task still references, pin the"
                        + " models and optimizer states they keep forever, then run Kubo's garbage collection.",
                "Reads the whole ledger (task:listTasks, round:listUpdates, round:getAggregation,"
                        + " round:listVerifications); idempotent. A client node with storage.prune does this after"
                        + " each aggregation."
            },
            footer = {
                "",
                "Exit codes: 0 ok, 1 usage or profile error, 2 network or Kubo node unavailable, 3 ledger refused,"
                        + " 70 internal error."
            })
    static final class Prune extends LedgerCommand {
        @Option(names = "--dry-run", description = "Print what would be unpinned and pinned; change nothing.")
        private boolean dryRun;

        @Option(
                names = "--no-gc",
                description = "Unpin, but leave the blocks to Kubo's own garbage collection (if the node runs it).")
        private boolean noGc;

        private final BlobStoreFactory blobStores;

        Prune(BlobStoreFactory blobStores) {
            this.blobStores = blobStores;
        }

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            StoragePlan plan = new StoragePlanner(RetentionReads.over(ledger)).plan();
            var profile = identity.load();
            BlobStore store = blobStores.open(profile.ipfsApi());
            try {
                if (!(store instanceof PinStore node)) {
                    throw new IllegalStateException("the blob store of " + profile.ipfsApi() + " cannot list pins");
                }
                PruneReport report = plan.anyPolicy()
                        ? new Pruner(node).prune(plan, mode())
                        : new Pruner(node).prune(plan, Pruner.Mode.DRY_RUN);
                if (json) {
                    Map<String, Object> answer = new TreeMap<>(report.toJson());
                    answer.put("ipfsApi", profile.ipfsApi().toString());
                    answer.put("releasedRounds", plan.releasedRounds());
                    printJson(CanonicalJson.encode(answer));
                } else {
                    StorageView.print(out(), plan, report);
                }
                return ExitCodes.OK;
            } catch (BlobStoreException e) {
                throw ModelBlobs.kuboUnavailable(profile, e);
            } finally {
                if (store instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        }

        private Pruner.Mode mode() {
            if (dryRun) {
                return Pruner.Mode.DRY_RUN;
            }
            return noGc ? Pruner.Mode.UNPIN : Pruner.Mode.UNPIN_AND_COLLECT;
        }
    }
}
