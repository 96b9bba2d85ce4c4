package org.medfed.client.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medfed.client.gateway.MedfedException;

class ConsoleServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private ConsoleServer server;

    @BeforeEach
    void start() throws Exception {
        Map<String, Page> pages = Map.of(
                "/", request -> new Page.Rendered("Tasks", "", "<h1>tasks</h1>"),
                "/echo", request -> new Page.Rendered("Echo", null, "<p>" + Html.text(request.required("q")) + "</p>"),
                "/unknown-task",
                        request -> {
                            throw MedfedException.fromChaincode("NOT_FOUND", "NOT_FOUND: no task <x>", null, null);
                        },
                "/broken",
                        request -> {
                            throw new IllegalStateException("boom");
                        });
        server = ConsoleServer.start(0, pages, new Layout("hospital-user1 (HospitalMSP)"), null, message -> {});
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.address().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesPagesInTheLayoutWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValue(ConsoleServer.CSP)
                .get()
                .asString()
                .startsWith("default-src 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.body())
                .contains("<main id=\"main\" tabindex=\"-1\" data-live=\"/events?task=\">")
                .contains("<h1>tasks</h1>")
                .contains("hospital-user1 (HospitalMSP)")
                .doesNotContain("style=\"")
                .doesNotContain("http://")
                .doesNotContain("https://");
        assertThat(server.address().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void escapesWhatTheRequestCarries() throws Exception {
        assertThat(get("/echo?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").body())
                .contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    }

    @Test
    void answersMissingPagesParametersAndRecordsWithTheirStatus() throws Exception {
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
        HttpResponse<String> missing = get("/echo");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("this page needs the parameter &quot;q&quot;");
        HttpResponse<String> unknown = get("/unknown-task");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no task &lt;x&gt;");
        HttpResponse<String> broken = get("/broken");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).contains("IllegalStateException").doesNotContain("boom");
    }

    @Test
    void refusesEveryMethodThatIsNotARead() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(server.address())
                            .method(method, HttpRequest.BodyPublishers.ofString("x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(method).isEqualTo(405);
            assertThat(answer.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
    }

    @Test
    void refusesAnotherSitesHostNameSoDnsRebindingCannotReadTheLedger() throws Exception {
        URI address = server.address();
        try (Socket socket = new Socket(address.getHost(), address.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n".getBytes(UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readAllBytes(), UTF_8)).startsWith("HTTP/1.1 421");
        }
    }

    @Test
    void servesItsOwnStylesheetAndScript() throws Exception {
        HttpResponse<String> css = get(Links.STYLE);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        HttpResponse<String> js = get(Links.SCRIPT);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.body()).contains("EventSource").doesNotContain("http");
    }
}
