package org.medfed.client.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medfed.client.console.Browser.Focusable;
import org.openqa.selenium.By;

/**
 * The browser harness catches what the console's tests rely on it to catch: two tiny pages on a JDK server on
 * 127.0.0.1, one clean under the console's kind of Content-Security-Policy, one with an inline script that policy
 * blocks and an image from another origin.
 */
class BrowserHarnessIT {
    private static final String STRICT = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'";
    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    // path -> {content type, Content-Security-Policy, body}
    private static final Map<String, List<String>> PAGES = Map.of(
            "/clean",
            List.of("text/html; charset=utf-8", STRICT, """
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>Clean</title>
                    <link rel="stylesheet" href="/static/harness.css"></head>
                    <body><main><h1>Clean</h1>
                    <nav><a href="/clean?first">First</a> <a href="/clean?second">Second</a> <a href="/bad">Third</a></nav>
                    <p class="tall">A page taller than the window.</p></main></body></html>
                    """),
            "/static/harness.css",
            List.of("text/css; charset=utf-8", STRICT, ".tall { height: 2400px; }\n"),
            "/bad",
            List.of("text/html; charset=utf-8", "script-src 'self'", """
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>Bad</title></head>
                    <body><main><h1>Bad</h1>
                    <script>document.title = 'inline script ran';</script>
                    <img src="http://example.invalid/x.png" alt="an image from elsewhere">
                    <a href="/clean">Reachable</a> <a href="/clean?hidden" tabindex="-1">Unreachable</a>
                    </main></body></html>
                    """));

    private static HttpServer server;
    private static String origin;
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", BrowserHarnessIT::serve);
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.stop(0);
    }

    private static void serve(HttpExchange exchange) throws IOException {
        List<String> page = PAGES.get(exchange.getRequestURI().getPath());
        byte[] body = (page == null ? "not found" : page.get(2)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", page == null ? "text/plain" : page.get(0));
        if (page != null) exchange.getResponseHeaders().set("Content-Security-Policy", page.get(1));
        exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    void cleanPageHasNoConsoleErrorAndRequestsOnlyItsOwnOrigin() {
        browser.open(origin + "/clean");

        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.requestsOutside(origin)).isEmpty();
        // The capture sees the page's own requests, so an empty list above is no blind spot.
        assertThat(browser.requests()).contains(origin + "/clean", origin + "/static/harness.css");
    }

    @Test
    void badPageReportsTheBlockedInlineScriptAndTheRequestToAnotherOrigin() {
        browser.open(origin + "/bad");

        assertThat(browser.consoleErrors())
                .anySatisfy(error ->
                        assertThat(error).contains("Content Security Policy").contains("inline script"));
        assertThat(browser.driver().getTitle()).isEqualTo("Bad");
        assertThat(browser.requestsOutside(origin)).containsExactly("http://example.invalid/x.png");
        assertThat(browser.requestsOutside("http://example.invalid")).containsExactly(origin + "/bad");
    }

    @Test
    void tabbingReachesEveryLinkInDocumentOrder() {
        browser.open(origin + "/clean");

        assertThat(browser.tabThroughLinks())
                .containsExactly(
                        new Focusable("a", "/clean?first", "First"),
                        new Focusable("a", "/clean?second", "Second"),
                        new Focusable("a", "/bad", "Third"));
        assertThat(browser.linksAndButtons()).hasSize(3);
        assertThat(browser.unreachableByKeyboard()).isEmpty();
    }

    @Test
    void aWalkStartsFromTheTopWhereverFocusWas() {
        browser.open(origin + "/clean");
        browser.driver().findElement(By.linkText("Second")).sendKeys(""); // focuses it

        assertThat(browser.tabThroughLinks())
                .extracting(Focusable::href)
                .containsExactly("/clean?first", "/clean?second", "/bad");
    }

    @Test
    void aLinkOutOfTheTabOrderIsReportedUnreachable() {
        browser.open(origin + "/bad");

        assertThat(browser.tabThroughLinks()).extracting(Focusable::href).containsExactly("/clean");
        assertThat(browser.unreachableByKeyboard()).containsExactly(new Focusable("a", "/clean?hidden", "Unreachable"));
    }

    @Test
    void screenshotIsAPngOfTheWholePage() throws IOException {
        browser.open(origin + "/clean");
        Path clean = browser.screenshot(SCREENSHOTS.resolve("harness-clean.png"));
        browser.open(origin + "/bad");
        Path bad = browser.screenshot(SCREENSHOTS.resolve("harness-bad.png"));

        assertThat(browser.script("return innerWidth + 'x' + innerHeight")).isEqualTo("1280x900");
        BufferedImage image = ImageIO.read(clean.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).as("beyond the 900 px window").isGreaterThanOrEqualTo(2400);
        assertThat(ImageIO.read(bad.toFile())).isNotNull();
        assertThat(Files.size(bad)).isPositive();
    }
}
