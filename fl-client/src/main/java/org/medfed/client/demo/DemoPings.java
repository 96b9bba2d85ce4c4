package org.medfed.client.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.LedgerConnector;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileException;
import org.medfed.common.protocol.TxNames;

/** The demo's ledger step: per organisation, submit {@code system:ping} once and read it back with {@code system:getPing}. */
final class DemoPings {

    static final String MESSAGE = "medfed demo";
    /** Right after a deploy, service discovery needs a few seconds before the peers endorse. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    static final Duration RETRY_EVERY = Duration.ofMillis(500);

    record OrgPing(String org, String mspId, long submitNanos, long evaluateNanos, long pingCount, String txId) {}

    private record Timed(byte[] answer, long nanos) {}

    @FunctionalInterface
    private interface LedgerCall {
        byte[] call() throws MedfedException;
    }

    private final LedgerConnector connector;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final PrintWriter progress;

    DemoPings(LedgerConnector connector, LongSupplier clock, Sleeper sleeper, PrintWriter progress) {
        this.connector = connector;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    OrgPing ping(String org, ConnectionProfile profile) throws ProfileException, MedfedException, InterruptedException {
        try (LedgerClient ledger = connector.open(profile)) {
            Timed submit = retrying(org, TxNames.SYSTEM_PING, () -> ledger.submit(TxNames.SYSTEM_PING, MESSAGE));
            Timed evaluate = retrying(
                    org, TxNames.SYSTEM_GET_PING, () -> ledger.evaluate(TxNames.SYSTEM_GET_PING, profile.mspId()));
            JsonObject submitted = pingRecord(TxNames.SYSTEM_PING, submit.answer());
            JsonObject readBack = pingRecord(TxNames.SYSTEM_GET_PING, evaluate.answer());
            return new OrgPing(
                    org,
                    profile.mspId(),
                    submit.nanos(),
                    evaluate.nanos(),
                    readBack.get("count").getAsLong(),
                    submitted.get("txId").getAsString());
        } catch (MedfedException e) {
            throw e.withContext(org);
        }
    }

    /** Retries what is not the chaincode's answer (peer not ready, discovery incomplete) for up to a minute. */
    private Timed retrying(String org, String transaction, LedgerCall call)
            throws MedfedException, InterruptedException {
        long deadline = clock.getAsLong() + READY_TIMEOUT.toNanos();
        boolean announced = false;
        while (true) {
            long start = clock.getAsLong();
            try {
                byte[] answer = call.call();
                return new Timed(answer, clock.getAsLong() - start);
            } catch (MedfedException e) {
                if (e.isFromChaincode() || clock.getAsLong() - deadline >= 0) {
                    throw e;
                }
                if (!announced) {
                    progress.printf(
                            "    %s: %s not ready yet (%s); retrying every %d ms for up to %d s%n",
                            org, transaction, e.code(), RETRY_EVERY.toMillis(), READY_TIMEOUT.toSeconds());
                    progress.flush();
                    announced = true;
                }
                sleeper.sleep(RETRY_EVERY);
            }
        }
    }

    private static JsonObject pingRecord(String transaction, byte[] answer) throws MedfedException {
        String text = new String(answer, StandardCharsets.UTF_8);
        try {
            JsonElement json = JsonParser.parseString(text);
            if (json.isJsonObject()
                    && json.getAsJsonObject().has("count")
                    && json.getAsJsonObject().has("txId")) {
                return json.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            // reported below
        }
        throw new MedfedException(
                MedfedException.INTERNAL,
                transaction + " answered something that is not a ping "
                        + "record (is the deployed chaincode out of date?): " + abbreviate(text),
                null);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
