package org.medfed.client.risk;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.medfed.client.data.DataException;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.node.TickLoop;
import org.medfed.client.participation.NodeLog;

/**
 * A node's risk attestations after each new global model of its risk task: every {@code tick} it reads the task's
 * global model; when it is not the one last attested with (kept in {@code <workDir>/risk/<task>.attested}, so a
 * restarted node does not post again), it runs a {@link RiskAttestRun}. Failures are logged and retried on the next
 * tick; nothing here stops the node's training loop. Runs on its own daemon thread.
 */
public final class RiskAttestLoop implements AutoCloseable {

    private final RiskAttestRun run;
    private final LedgerClient ledger;
    private final ConnectionProfile profile;
    private final BlobStoreFactory blobs;
    private final Path workDir;
    private final Clock clock;
    private final NodeLog log;
    private final TickLoop ticker;

    public RiskAttestLoop(
            RiskAttestRun run,
            LedgerClient ledger,
            ConnectionProfile profile,
            BlobStoreFactory blobs,
            Path workDir,
            Clock clock,
            Duration tick,
            NodeLog log) {
        this.run = run;
        this.ledger = ledger;
        this.profile = profile;
        this.blobs = blobs;
        this.workDir = workDir;
        this.clock = clock;
        this.log = log;
        this.ticker = new TickLoop("risk-attest-" + run.taskId(), tick, this::step);
    }

    public void start() {
        ticker.start();
    }

    /** Attests once if the task's global model is new; what a tick does. */
    public void step() {
        try {
            String cid = new TaskLedger(ledger)
                    .get(run.taskId())
                    .value()
                    .globalModel()
                    .cid();
            Path marker = workDir.resolve("risk").resolve(run.taskId() + ".attested");
            if (Files.exists(marker) && Files.readString(marker, UTF_8).strip().equals(cid)) {
                return;
            }
            RiskAttestRun.Outcome outcome = run.run(ledger, profile, blobs, workDir, clock);
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, outcome.model().cid() + "\n", UTF_8);
            StringBuilder refused = new StringBuilder();
            for (Map.Entry<String, java.util.List<String>> e :
                    outcome.result().refusedByCode().entrySet()) {
                refused.append(", ")
                        .append(e.getValue().size())
                        .append(" refused ")
                        .append(e.getKey());
            }
            log.info("risk: task " + run.taskId() + " round " + outcome.round() + " model "
                    + outcome.model().cid()
                    + ": " + outcome.result().posted().size() + " of "
                    + outcome.claims().size()
                    + " attestations posted" + refused);
        } catch (DataException e) {
            // no global model yet, or the table cannot be scored: said once per tick until it changes
            log.info("risk: task " + run.taskId() + ": " + e.getMessage());
        } catch (MedfedException | IOException | RuntimeException e) {
            log.warn("risk: task " + run.taskId() + ": attestations not posted, retrying next tick: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        ticker.close();
    }
}
