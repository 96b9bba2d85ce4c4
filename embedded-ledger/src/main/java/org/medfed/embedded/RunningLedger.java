package org.medfed.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.medfed.embedded.config.NetworkLayout;

/** Talks to a ledger that is already serving (its store file is locked while it runs). */
final class RunningLedger {

    private RunningLedger() {}

    /** The running ledger's verify-chain answer, or null when no ledger answers. */
    record Answer(boolean ok, String line) {}

    static Answer verifyChain(NetworkLayout layout) throws InterruptedException {
        String org = layout.orgs().get(0);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + layout.operationsPort(org) + "/verify-chain"))
                .timeout(Duration.ofMinutes(5))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> new Answer(true, response.body());
                case 409 -> new Answer(false, response.body());
                default -> null;
            };
        } catch (IOException notRunning) {
            return null;
        }
    }
}
