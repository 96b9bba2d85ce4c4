package org.medfed.client.ledger;

import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.protocol.TxNames;

/** The {@code task} contract: training tasks created, paused, resumed and cancelled by consortium admins. */
public final class TaskLedger {

    private final LedgerCalls calls;

    public TaskLedger(LedgerClient client) {
        this.calls = new LedgerCalls(client);
    }

    /** Submits the spec as canonical JSON, so what was validated locally is exactly what the ledger receives. */
    public Reply<TaskAndRound> create(TaskSpec spec) throws MedfedException {
        return calls.submit(TaskAndRound::fromJson, TxNames.TASK_CREATE, CanonicalJson.encode(spec.toJson()));
    }

    public Reply<TaskAndRound> pause(String taskId, String reason) throws MedfedException {
        return calls.submit(TaskAndRound::fromJson, TxNames.TASK_PAUSE, taskId, reason);
    }

    public Reply<TaskAndRound> resume(String taskId) throws MedfedException {
        return calls.submit(TaskAndRound::fromJson, TxNames.TASK_RESUME, taskId);
    }

    public Reply<TaskAndRound> cancel(String taskId, String reason) throws MedfedException {
        return calls.submit(TaskAndRound::fromJson, TxNames.TASK_CANCEL, taskId, reason);
    }

    public Reply<Task> get(String taskId) throws MedfedException {
        return calls.evaluate(Task::fromJson, TxNames.TASK_GET, taskId);
    }

    public Reply<Page<Task>> list(int pageSize, String bookmark) throws MedfedException {
        return calls.page(Task::fromJson, TxNames.TASK_LIST, pageSize, bookmark);
    }

    public Reply<Page<Task>> listAll(int pageSize) throws MedfedException {
        return calls.all(Task::fromJson, TxNames.TASK_LIST, pageSize);
    }
}
