package org.medfed.client.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.medfed.client.gateway.ChaincodeEventSource;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

/**
 * Live pages: one thread follows the channel's chaincode events from the next block and hands each to every open
 * {@code /events} stream (server-sent events) whose task it concerns; the page's script then reloads its
 * {@code <main>}. The stream carries only the event's name, task, block and transaction id; pages are always
 * re-read from the ledger, never patched from an event.
 */
final class LiveEvents implements AutoCloseable {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Duration RETRY = Duration.ofSeconds(2);
    /** A stream that falls this far behind loses events rather than holding memory; its page reloads anyway. */
    private static final int QUEUE = 256;

    private final ChaincodeEventSource source;
    private final Consumer<String> log;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Thread follower;
    private volatile boolean closed;
    private volatile CloseableIterator<ChaincodeEvent> stream;

    LiveEvents(ChaincodeEventSource source, Consumer<String> log) {
        this.source = source;
        this.log = log;
        this.follower = new Thread(this::follow, "console-events");
        this.follower.setDaemon(true);
        this.follower.start();
    }

    private record Subscriber(String task, BlockingQueue<String> queue) {}

    /** Serves one {@code /events?task=ID} stream ({@code task} empty: every task) until the browser goes away. */
    void serve(HttpExchange exchange, String task) throws IOException {
        Subscriber subscriber = new Subscriber(task, new ArrayBlockingQueue<>(QUEUE));
        subscribers.add(subscriber);
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, ": connected\n\n");
            while (!closed) {
                String data = subscriber.queue().poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                write(out, data == null ? ": keep-alive\n\n" : "event: ledger\ndata: " + data + "\n\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The browser left the page: nothing to do but stop sending.
        } finally {
            subscribers.remove(subscriber);
            exchange.close();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Follows events until closed, reconnecting after a broken stream. */
    private void follow() {
        while (!closed) {
            try (CloseableIterator<ChaincodeEvent> events = source.chaincodeEvents(OptionalLong.empty())) {
                stream = events;
                while (!closed && events.hasNext()) {
                    publish(events.next());
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    log.accept("live updates paused, the event stream failed ("
                            + source.errorMapper().map(e).getMessage() + "); retrying in " + RETRY.toSeconds() + " s");
                }
            }
            sleep();
        }
    }

    private void publish(ChaincodeEvent event) {
        String task = taskOf(event.getPayload());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", event.getEventName());
        json.put("taskId", task);
        json.put("block", event.getBlockNumber());
        json.put("txId", event.getTransactionId());
        String data = CanonicalJson.encode(json);
        for (Subscriber subscriber : subscribers) {
            if (subscriber.task().isEmpty() || subscriber.task().equals(task)) {
                subscriber.queue().offer(data);
            }
        }
    }

    /**
     * The task an event concerns, "" when it names none. Payloads differ by event: an update record names it under
     * {@code submission.taskId}, a round's events under {@code round.taskId} and {@code task.id}, others at the top.
     */
    static String taskOf(byte[] payload) {
        Map<String, Object> json;
        try {
            json = JsonFields.object(CanonicalJson.parse(new String(payload, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            return "";
        }
        if (json.get("taskId") instanceof String id) {
            return id;
        }
        for (Object value : new TreeMap<>(json).values()) {
            if (value instanceof Map<?, ?> nested && nested.get("taskId") instanceof String id) {
                return id;
            }
        }
        return json.get("task") instanceof Map<?, ?> task && task.get("id") instanceof String id ? id : "";
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        CloseableIterator<ChaincodeEvent> current = stream;
        if (current != null) {
            current.close();
        }
        follower.interrupt();
    }
}
