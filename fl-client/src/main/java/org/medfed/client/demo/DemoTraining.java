package org.medfed.client.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.medfed.client.federation.FederationCosts;
import org.medfed.client.federation.FederationPlan;
import org.medfed.client.federation.FederationRun;

/** The demo's training step: a federation on the running network, from set-up to the scored final model. */
@FunctionalInterface
public interface DemoTraining {

    /**
     * What the step produced: the plan (task, configs, data), the run (rounds, final model, test score), where its
     * files are, what {@code medfed verify task} said, and what it cost (null when not measured).
     */
    record Outcome(
            FederationPlan plan,
            FederationRun.Summary summary,
            Path directory,
            String verification,
            FederationCosts.Costs costs) {}

    /**
     * @param profilesDir the network's connection profiles ({@code <org>-admin} and {@code <org>-user1})
     * @param logs where the nodes' logs go
     * @param secure with secure aggregation and distributed DP (the demo's default), else each site's update in
     *     clear with local DP
     */
    Outcome run(Path repositoryRoot, Path profilesDir, Path logs, boolean secure, PrintWriter progress)
            throws Exception;
}
