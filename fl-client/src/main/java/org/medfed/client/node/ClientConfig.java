package org.medfed.client.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.medfed.client.access.RecordsSettings;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.DataException;
import org.medfed.client.data.DeviceInbox;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.common.model.Role;

/**
 * One client node's configuration: who it is on the network, where its data is, what it takes part in and the
 * limits it never exceeds. Read from one YAML file by {@link #load(Path)}; the commented examples are
 * {@code examples/client-hospital.yaml}, {@code client-clinic.yaml} and {@code client-wearable.yaml}.
 *
 * @param connection the identity and endpoints, as the gateway client takes them ({@code name} is the file name)
 * @param tlsHostOverride the host name the peer's TLS certificate is checked against when it differs from the
 *     endpoint's host (e.g. {@code peer0.hospital.medfed} behind {@code 127.0.0.1})
 * @param subsetKey the organisation's subset member key ({@code subset.memberKey}), which opens the shared rows of a
 *     two-stage task (docs/non-iid.md); without it the node refuses to train for such a task
 * @param pruneStorage {@code storage.prune}: after each aggregation of an enrolled task, apply every task's retention
 *     policy to the organisation's Kubo node ({@code medfed storage prune}); default false
 */
public record ClientConfig(
        Path source,
        Role role,
        ConnectionProfile connection,
        Optional<String> tlsHostOverride,
        DataSource data,
        List<String> tasks,
        Path workDir,
        Limits limits,
        Optional<Records> records,
        Optional<Path> subsetKey,
        boolean pruneStorage) {

    /**
     * The optional {@code records} block of a data holder: its patient table and key, and whether it serves their
     * records ({@code serve}) and attests their risk after each new global model of a risk task ({@code attest}).
     */
    public record Records(
            Path patients, Path key, boolean replayAtNow, Optional<RecordsSettings> serve, Optional<Attest> attest) {}

    /** Attest with each new global model of {@code taskId}, each attestation holding {@code ttlSeconds}. */
    public record Attest(String taskId, long ttlSeconds) {}

    /** Where the node's training rows come from. */
    public sealed interface DataSource permits CsvSource, InboxSource {
        /** The dataset's id on the ledger: every update names it, and the task must admit it. */
        String datasetId();

        Path mappingFile();

        SchemaMapping mapping();

        /** The rows to train on now (for an inbox: after ingesting what arrived). */
        TabularDataset read(Path workDir) throws DataException;

        /** Share of rows held out for local validation, and the split's seed. */
        double validationFraction();

        long splitSeed();
    }

    /** A hospital's or clinic's table: a CSV file, optionally only the rows of one partition. */
    public record CsvSource(
            String datasetId,
            Path csv,
            Path mappingFile,
            SchemaMapping mapping,
            Optional<String> partition,
            double validationFraction,
            long splitSeed)
            implements DataSource {
        @Override
        public TabularDataset read(Path workDir) throws DataException {
            return partition.isPresent()
                    ? mapping.apply(CsvReader.read(csv), partition.get())
                    : mapping.apply(CsvReader.read(csv));
        }
    }

    /** A wearable gateway's inbox of device files and the window it keeps. */
    public record InboxSource(
            String datasetId,
            Path inbox,
            Path mappingFile,
            SchemaMapping mapping,
            DeviceInbox.Window window,
            double validationFraction,
            long splitSeed)
            implements DataSource {
        @Override
        public TabularDataset read(Path workDir) throws DataException {
            DeviceInbox source = DeviceInbox.open(inbox, workDir, mapping, window);
            source.poll();
            return source.dataset();
        }
    }

    /**
     * What this node never exceeds, whatever a task allows: {@code maxEpsilon} is the most ε it will ever spend on
     * its data, summed over all its tasks (privacy losses on the same records add up), {@code maxEpochs} the most
     * local epochs per round. {@code allowTasksWithoutDp} (default false) lets the node train for a task that has no
     * differential-privacy policy: without it such a task is refused, so a node never trains without DP by accident.
     */
    public record Limits(double maxEpsilon, int maxEpochs, boolean allowTasksWithoutDp) {}

    public ClientConfig {
        tasks = List.copyOf(tasks);
    }

    /** Reads and validates a configuration file; relative paths resolve against the file's directory. */
    public static ClientConfig load(Path file) throws ConfigException {
        return ConfigLoader.load(file);
    }
}
