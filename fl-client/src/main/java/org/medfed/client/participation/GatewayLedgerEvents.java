package org.medfed.client.participation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

/**
 * Chaincode events from the gateway, resumed from a {@link FileCheckpointer} in the node's work directory: the
 * first start listens from the next block (the start-up catch-up covers the past), every later start resumes after
 * the last event checkpointed.
 */
public final class GatewayLedgerEvents implements LedgerEvents {
    static final String CHECKPOINT_FILE = "events.checkpoint";

    private final GatewayConnection gateway;
    private final Path checkpointFile;

    public GatewayLedgerEvents(GatewayConnection gateway, Path workDirectory) {
        this.gateway = gateway;
        this.checkpointFile = workDirectory.resolve(CHECKPOINT_FILE);
    }

    @Override
    public Subscription subscribe() throws MedfedException {
        FileCheckpointer checkpointer;
        try {
            Files.createDirectories(checkpointFile.getParent());
            checkpointer = new FileCheckpointer(checkpointFile);
        } catch (IOException e) {
            throw new MedfedException(
                    MedfedException.INTERNAL,
                    "cannot open the event checkpoint " + checkpointFile + ": " + e.getMessage(),
                    null,
                    e);
        }
        CloseableIterator<ChaincodeEvent> iterator;
        try {
            iterator = gateway.chaincodeEvents(OptionalLong.empty(), checkpointer);
        } catch (RuntimeException e) {
            closeQuietly(checkpointer);
            throw gateway.errorMapper().map(e);
        }
        return new Subscription() {
            @Override
            public Event next() throws MedfedException {
                try {
                    ChaincodeEvent event = iterator.next();
                    return new Event(
                            event.getEventName(),
                            taskOf(event.getPayload()),
                            event.getBlockNumber(),
                            event.getTransactionId());
                } catch (RuntimeException e) {
                    throw gateway.errorMapper().map(e);
                }
            }

            @Override
            public void checkpoint(Event event) throws MedfedException {
                try {
                    checkpointer.checkpointTransaction(event.blockNumber(), event.transactionId());
                } catch (IOException | UncheckedIOException e) {
                    throw new MedfedException(
                            MedfedException.INTERNAL,
                            "cannot write the event checkpoint " + checkpointFile + ": " + e.getMessage(),
                            null,
                            e);
                }
            }

            @Override
            public void close() {
                iterator.close();
                closeQuietly(checkpointer);
            }
        };
    }

    /** The task an event concerns: every round and task event carries {@code round.taskId} or {@code task.spec.id}. */
    static Optional<String> taskOf(byte[] payload) {
        try {
            Map<String, Object> json = JsonFields.object(CanonicalJson.parseUtf8(payload));
            Map<String, Object> round = JsonFields.optionalObject(json, "round");
            if (round != null && round.get("taskId") instanceof String id) {
                return Optional.of(id);
            }
            Map<String, Object> task = JsonFields.optionalObject(json, "task");
            Map<String, Object> spec = task == null ? null : JsonFields.optionalObject(task, "spec");
            return spec != null && spec.get("id") instanceof String id ? Optional.of(id) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void closeQuietly(FileCheckpointer checkpointer) {
        try {
            checkpointer.close();
        } catch (IOException e) {
            // The checkpoint was forced to disk on every write; nothing is lost by a failed close.
        }
    }
}
