package org.medfed.client.console;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.CdpVersionFinder;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the console's browser tests: Debian's {@code chromium} driven through its
 * {@code chromium-driver} (both installed by {@code .ci/run}), never a driver or browser that Selenium Manager would
 * download. {@code -Dmedfed.chromium=}/{@code MEDFED_CHROMIUM} and {@code -Dmedfed.chromedriver=}/{@code
 * MEDFED_CHROMEDRIVER} point elsewhere.
 *
 * <p>What a page did comes from ChromeDriver's own logs, which it records from the session's start (so nothing
 * happens before a listener is attached): the browser log (console messages, uncaught errors, Content-Security-Policy
 * violations, failed loads) and the performance log's {@code Network.requestWillBeSent} events (every request the
 * page attempted, also those its policy then blocked). Neither needs a CDP version-specific Selenium module, so a
 * newer Chromium from Debian keeps working.
 */
public final class Browser implements AutoCloseable {
    /** The longest any single wait of this class lasts: a page load, a script, a driver command. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 900;
    /** Chromium's largest texture: taller captures fail or come back blank, so a longer page is cut there. */
    private static final int MAX_CAPTURE_HEIGHT = 16_384;
    /** More focus stops than any console page has links: reaching it means focus never cycled. */
    private static final int MAX_TABS = 500;

    // ChromiumDriver looks for a CDP version-specific module on start and warns when there is none; this class uses
    // none (see above). Held here, as java.util.logging keeps its loggers only weakly.
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger(CdpVersionFinder.class.getName());

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final List<String> errors = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();

    /** One focus stop, or one link or button on the page: its tag, its {@code href} as written, its name. */
    public record Focusable(String tag, String href, String name) {}

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a headless Chromium with a fresh profile; {@link #close()} ends it and its driver. */
    public static Browser start() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(
                        executable("medfed.chromedriver", "MEDFED_CHROMEDRIVER", "/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .withTimeout(TIMEOUT)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("medfed.chromium", "MEDFED_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // as root in CI's container
                "--disable-dev-shm-usage",
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--force-device-scale-factor=1",
                "--hide-scrollbars",
                "--lang=en-US",
                "--no-first-run",
                "--no-default-browser-check",
                "--password-store=basic",
                // Chromium itself asks nothing of the outside: only the page under test makes requests.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-client-side-phishing-detection",
                "--disable-default-apps",
                "--disable-domain-reliability",
                "--disable-extensions",
                "--disable-sync",
                "--metrics-recording-only",
                "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider");
        options.setPageLoadTimeout(TIMEOUT);
        options.setScriptTimeout(TIMEOUT);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        ClientConfig commands =
                ClientConfig.defaultConfig().connectionTimeout(TIMEOUT).readTimeout(TIMEOUT.multipliedBy(2));
        ChromeDriver driver = new ChromeDriver(service, options, commands);
        try {
            // The window's size includes its frame even headless: the page itself gets exactly WIDTH x HEIGHT.
            driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
            return new Browser(driver);
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    private static File executable(String property, String environment, String fallback) {
        String path = System.getProperty(property);
        if (path == null || path.isBlank()) path = System.getenv(environment);
        if (path == null || path.isBlank()) path = fallback;
        File file = new File(path);
        if (!file.canExecute()) {
            throw new IllegalStateException(
                    path + " is missing: install Debian's chromium and chromium-driver (.ci/run does), or set -D"
                            + property + "= or " + environment + " to another one");
        }
        return file;
    }

    /** Loads {@code url} and waits for its load event; errors and requests count from here on. */
    public void open(String url) {
        drainLogs();
        errors.clear();
        requests.clear();
        driver.get(url);
        waitFor(d -> "complete".equals(script("return document.readyState")), TIMEOUT);
    }

    /** The console messages of level SEVERE since {@link #open}: errors, policy violations, failed loads. */
    public List<String> consoleErrors() {
        drainLogs();
        return List.copyOf(errors);
    }

    /** Every request the page attempted since {@link #open}, in order, by URL. */
    public List<String> requests() {
        drainLogs();
        return List.copyOf(requests);
    }

    /** The requests since {@link #open} whose URL is not under {@code origin} (scheme, host and port). */
    public List<String> requestsOutside(String origin) {
        String base = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        return requests().stream()
                .filter(url -> !url.equals(base) && !url.startsWith(base + "/"))
                .toList();
    }

    // ChromeDriver hands out each log entry once: keep them until the next open().
    private void drainLogs() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) errors.add(entry.getMessage());
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message =
                    JsonParser.parseString(entry.getMessage()).getAsJsonObject().getAsJsonObject("message");
            if ("Network.requestWillBeSent".equals(message.get("method").getAsString())) {
                JsonObject params = message.getAsJsonObject("params");
                requests.add(params.getAsJsonObject("request").get("url").getAsString());
            }
        }
    }

    /** Writes the whole page (beyond the window, up to Chromium's limit) as a PNG; the window only if CDP fails. */
    public Path screenshot(Path file) throws IOException {
        byte[] png;
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Map<?, ?> size = (Map<?, ?>) metrics.get("cssContentSize");
            double width = Math.max(1, ((Number) size.get("width")).doubleValue());
            double height = Math.min(MAX_CAPTURE_HEIGHT, Math.max(1, ((Number) size.get("height")).doubleValue()));
            Map<String, Object> shot = driver.executeCdpCommand(
                    "Page.captureScreenshot",
                    Map.of(
                            "format",
                            "png",
                            "captureBeyondViewport",
                            true,
                            "clip",
                            Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            png = Base64.getDecoder().decode((String) shot.get("data"));
        } catch (WebDriverException | ClassCastException | NullPointerException e) {
            png = driver.getScreenshotAs(OutputType.BYTES);
        }
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        return Files.write(file, png);
    }

    /**
     * Presses TAB from the top of the page until focus leaves the page or comes back to the first stop, and returns
     * the stops in order. Call it on a freshly opened page: Chromium starts sequential navigation from where focus
     * last was.
     */
    public List<Focusable> tabThroughLinks() {
        // blur() alone would leave Chromium's starting point where focus was: focus a mark at the top, then drop it.
        script("const mark = document.createElement('span'); mark.tabIndex = -1;"
                + " document.body.prepend(mark); mark.focus(); mark.remove(); window.scrollTo(0, 0);");
        List<WebElement> stops = new ArrayList<>();
        for (int i = 0; i < MAX_TABS; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            WebElement focused = (WebElement) script("const e = document.activeElement;"
                    + " return e === document.body || e === document.documentElement ? null : e;");
            if (focused == null && !stops.isEmpty()) return describe(stops); // focus left the page: a full cycle
            if (focused == null) continue;
            if (!stops.isEmpty() && focused.equals(stops.get(0))) return describe(stops);
            stops.add(focused);
        }
        throw new IllegalStateException("focus did not cycle within " + MAX_TABS + " TABs: " + describe(stops));
    }

    /** Every visible, enabled {@code <a href>} and {@code <button>}, in document order. */
    public List<Focusable> linksAndButtons() {
        return describe(visibleLinksAndButtons());
    }

    /** The visible links and buttons that {@link #tabThroughLinks()} does not reach, in document order. */
    public List<Focusable> unreachableByKeyboard() {
        List<Focusable> reached = new ArrayList<>(tabThroughLinks());
        List<Focusable> missing = new ArrayList<>();
        for (Focusable candidate : linksAndButtons()) {
            if (!reached.remove(candidate)) missing.add(candidate);
        }
        return missing;
    }

    private List<WebElement> visibleLinksAndButtons() {
        return driver.findElements(By.cssSelector("a[href], button")).stream()
                .filter(e -> e.isDisplayed() && e.isEnabled())
                .toList();
    }

    private static List<Focusable> describe(List<WebElement> elements) {
        return elements.stream()
                .map(e -> new Focusable(e.getTagName(), e.getDomAttribute("href"), name(e)))
                .toList();
    }

    // The accessible name (text, aria-label, alt) is what a screen reader announces at that stop.
    private static String name(WebElement element) {
        String name = element.getAccessibleName();
        return name == null || name.isBlank() ? element.getText().strip() : name.strip();
    }

    /** Waits at most {@code timeout} for {@code condition} to give something other than null or false. */
    public <T> T waitFor(Function<? super WebDriver, T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(condition);
    }

    /** Runs a script in the page (WebDriver's scripts are exempt from the page's Content-Security-Policy). */
    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** The driver, for what this class does not wrap (finding elements, clicking). */
    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
