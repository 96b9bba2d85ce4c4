package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.console.Browser;
import org.medfed.client.console.Links;
import org.medfed.client.federation.FederationMember;
import org.medfed.client.federation.FederationOptions;
import org.medfed.client.federation.FederationPlan;
import org.medfed.client.federation.LocalFederation;
import org.medfed.client.federation.NodeProcesses;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.model.UpdateRecord;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 16 in a real browser: three client nodes train the demo's task (in clear, 3 rounds) on the real ledger while
 * {@code medfed console} runs as its own process and headless Chromium watches the task page update itself as rounds
 * aggregate. Then every page loads with no console error and no request outside the console, every link and button
 * is reachable with the keyboard, the lineage graph has one node per dataset, update and model and the edges
 * between them, search finds an update by its transaction id, and Verify says OK. Screenshots go to docs/console/.
 */
class ConsoleIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("console");

    private static final List<String> ORGS = RealNetwork.ORGS;
    private static final String TASK = "wdbc-console";
    private static final long ROUNDS = 3;
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern AGGREGATED = Pattern.compile("[1-3] of 3 rounds aggregated");
    private static final Pattern ADDRESS = Pattern.compile("console at (http://127\\.0\\.0\\.1:\\d+/)");

    private static NodeProcesses nodes;
    private static Process console;

    @AfterAll
    static void stopProcesses() throws InterruptedException {
        if (console != null) {
            console.destroy();
            console.waitFor(10, TimeUnit.SECONDS);
        }
        if (nodes != null) {
            nodes.stopAll(Duration.ofSeconds(30));
        }
    }

    @Test
    void theConsoleShowsALiveTaskAndEveryPageOfTheFinishedOneInARealBrowser() throws Exception {
        FederationPlan plan = new LocalFederation(GatewayConnection::open, KuboBlobStore::new, (level, message) -> {})
                .setUp(
                        FederationMember.localNetwork(NET.dataDir().resolve("profiles"), "wdbc"),
                        NET.root().resolve("data/breast_cancer_wisconsin_diagnostic.csv"),
                        NET.root().resolve("fl-client/src/main/resources/examples/mapping-wdbc.json"),
                        "diagnosis",
                        FederationOptions.wdbcDemo(TASK).withRounds(ROUNDS),
                        NET.dataDir().resolve("federation"));
        String base = startConsole();
        Path cli = NET.cliJar();
        nodes = new NodeProcesses(NET.logDir(), cli.toString());
        try (Browser browser = Browser.start();
                GatewayConnection ledger = GatewayConnection.open(NET.profile("Hospital", "user1"))) {
            browser.open(base + Links.task(TASK).substring(1));
            browser.waitFor(
                    d -> "connected".equals(browser.script("return document.body.dataset.live")), Browser.TIMEOUT);
            browser.script("window.notReloaded = true;");
            for (String org : ORGS) {
                nodes.start(org, plan.configs().get(org));
            }
            // Any round aggregated will do: on a fast ledger two rounds may aggregate between two refreshes.
            browser.waitFor(
                    d -> AGGREGATED
                            .matcher(browser.driver().findElement(By.id("main")).getText())
                            .find(),
                    Duration.ofMinutes(6));
            assertThat(browser.script("return window.notReloaded === true && document.body.dataset.liveRefreshes"))
                    .as("the open task page re-read itself from the ledger's events, without a reload")
                    .isNotNull()
                    .isNotEqualTo(false);
            Task done = waitFor(ledger, t -> t.status() == TaskStatus.COMPLETED, "the task to complete");
            nodes.stopAll(Duration.ofSeconds(30));
            checkEveryPage(browser, base, ledger, done);
        }
    }

    private static String startConsole() throws Exception {
        ProcessBuilder builder = NET.consoleProcess("hospital-user1");
        console = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(console.getInputStream(), UTF_8));
        String address = CompletableFuture.supplyAsync(() -> {
                    try {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            System.out.println("[console] " + line);
                            Matcher m = ADDRESS.matcher(line);
                            if (m.find()) {
                                return m.group(1);
                            }
                        }
                        return null;
                    } catch (java.io.IOException e) {
                        return null;
                    }
                })
                .get(60, TimeUnit.SECONDS);
        assertThat(address).as("the console printed its address").isNotNull();
        Thread drain = new Thread(() -> out.lines().forEach(line -> System.out.println("[console] " + line)));
        drain.setDaemon(true);
        drain.start();
        return address;
    }

    private static void checkEveryPage(Browser browser, String base, GatewayConnection ledger, Task done)
            throws Exception {
        RoundLedger rounds = new RoundLedger(ledger);
        Map<Long, RoundView> views = new TreeMap<>();
        for (long n = 1; n <= ROUNDS; n++) {
            views.put(n, rounds.get(TASK, n).value());
        }
        UpdateRecord someUpdate = rounds.updates(TASK, 2).value().items().get(0);
        String finalModel = done.globalModel().cid();
        Map<String, String> pages = new java.util.LinkedHashMap<>();
        pages.put("tasks", Links.TASKS);
        pages.put("task", Links.task(TASK));
        pages.put("round", Links.round(TASK, 2));
        pages.put("verify", Links.verify(TASK, 2));
        pages.put("lineage", Links.lineage(finalModel));
        pages.put("participants", Links.PARTICIPANTS);
        pages.put("datasets", Links.DATASETS);
        pages.put("access", Links.ACCESS);
        pages.put("search", Links.search(someUpdate.txId()));
        pages.put("record", Links.record("agg~" + TASK + "~2"));
        Path shots = NET.root().resolve("docs/console");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            browser.open(base + page.getValue().substring(1));
            String main = browser.driver().findElement(By.id("main")).getText();
            assertThat(main).as(page.getKey()).doesNotContain("Not shown");
            assertThat(browser.consoleErrors())
                    .as("console errors on %s", page.getKey())
                    .isEmpty();
            assertThat(browser.requestsOutside(base))
                    .as("requests outside the console from %s", page.getKey())
                    .isEmpty();
            assertThat(browser.unreachableByKeyboard())
                    .as("links %s cannot reach by keyboard", page.getKey())
                    .isEmpty();
            browser.screenshot(shots.resolve(page.getKey() + ".png"));
            System.out.printf("[console] %s: %s%n", page.getKey(), page.getValue());
        }

        browser.open(base + Links.round(TASK, 2).substring(1));
        browser.driver()
                .findElement(By.xpath("//button[normalize-space()='Verify']"))
                .click();
        browser.waitFor(d -> !d.findElements(By.id("verdict")).isEmpty(), Duration.ofSeconds(60));
        assertThat(browser.driver().findElement(By.id("verdict")).getText()).isEqualTo("OK");

        browser.open(base + Links.search(someUpdate.txId()).substring(1));
        assertThat(browser.driver().findElement(By.id("main")).getText())
                .contains("transaction of")
                .contains("round 2 of " + TASK);

        browser.open(base + Links.lineage(finalModel).substring(1));
        checkLineage(browser, views);
    }

    /** One node per dataset, update, excluded update, global model and the initial model; the edges between. */
    private static void checkLineage(Browser browser, Map<Long, RoundView> views) {
        long updates = 0;
        long excluded = 0;
        for (RoundView view : views.values()) {
            updates += view.round().accepted().size();
            excluded += view.round().excluded().size();
        }
        assertThat(count(browser, "g.node[data-kind='dataset']")).isEqualTo(ORGS.size());
        assertThat(count(browser, "g.node[data-kind='initial']")).isEqualTo(1);
        assertThat(count(browser, "g.node[data-kind='model']")).isEqualTo(ROUNDS);
        assertThat(count(browser, "g.node[data-kind='update']")).isEqualTo(updates);
        assertThat(count(browser, "g.node[data-kind='excluded']")).isEqualTo(excluded);
        assertThat(count(browser, "path.edge[data-kind='trained-on']")).isEqualTo(updates);
        assertThat(count(browser, "path.edge[data-kind='contributed']")).isEqualTo(updates);
        assertThat(count(browser, "path.edge[data-kind='excluded']")).isEqualTo(excluded);
        assertThat(count(browser, "path.edge[data-kind='base']")).isEqualTo(ROUNDS);
        List<String> problems = new ArrayList<>();
        List<String> ids = browser.driver().findElements(By.cssSelector("g.node")).stream()
                .map(e -> e.getDomAttribute("data-node-id"))
                .toList();
        for (WebElement edge : browser.driver().findElements(By.cssSelector("path.edge"))) {
            for (String end : new String[] {edge.getDomAttribute("data-from"), edge.getDomAttribute("data-to")}) {
                if (!ids.contains(end)) {
                    problems.add("edge end " + end + " is no node");
                }
            }
        }
        assertThat(problems).isEmpty();
        for (long n = 1; n <= ROUNDS; n++) {
            assertThat(ids).contains("model:" + n);
            for (String participant : views.get(n).round().accepted()) {
                assertThat(ids).contains("update:" + n + ":" + participant);
            }
        }
    }

    private static long count(Browser browser, String css) {
        return browser.driver().findElements(By.cssSelector(css)).size();
    }

    private static Task waitFor(GatewayConnection ledger, Predicate<Task> done, String what) throws Exception {
        long deadline = System.nanoTime() + TASK_TIMEOUT.toNanos();
        while (true) {
            Task task = new TaskLedger(ledger).get(TASK).value();
            if (done.test(task)) {
                return task;
            }
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            Thread.sleep(2_000);
        }
    }
}
