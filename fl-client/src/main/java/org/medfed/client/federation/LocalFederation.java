package org.medfed.client.federation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.CsvTable;
import org.medfed.client.data.DataException;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.gateway.CertificateSubjects;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileException;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ledger.DatasetFingerprint;
import org.medfed.client.ledger.DatasetLedger;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.participation.NodeLog;
import org.medfed.client.train.InitialModel;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.RiskModelSpec;
import org.medfed.common.model.Role;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.UsePurpose;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.reputation.ReputationPolicy;

/**
 * Sets up a federation on a running local network, as a consortium would: each organisation's user is registered
 * as a participant and registers its own share of a table as a dataset; the seeded initial model goes to every
 * organisation's IPFS node; an admin creates the task; every node gets its configuration file. Patient rows are
 * split once, here, to simulate sites: in a real deployment each site's rows never leave it. Running it again with
 * the same task id fails (ALREADY_EXISTS); registrations that already exist are reused.
 */
public final class LocalFederation {

    /** Opens a ledger connection as a profile's identity. */
    @FunctionalInterface
    public interface Ledgers {
        LedgerClient open(ConnectionProfile profile) throws ProfileException;
    }

    /** Opens an organisation's IPFS node. */
    @FunctionalInterface
    public interface Blobs {
        BlobStore open(java.net.URI api);
    }

    private final Ledgers ledgers;
    private final Blobs blobs;
    private final NodeLog log;
    private final UsePurpose purpose;
    private final RiskModelSpec risk;
    private final SubsetPlan subset;

    public LocalFederation(Ledgers ledgers, Blobs blobs, NodeLog log) {
        this(ledgers, blobs, log, null, null, null);
    }

    private LocalFederation(
            Ledgers ledgers, Blobs blobs, NodeLog log, UsePurpose purpose, RiskModelSpec risk, SubsetPlan subset) {
        this.ledgers = ledgers;
        this.blobs = blobs;
        this.log = log;
        this.purpose = purpose;
        this.risk = risk;
        this.subset = subset;
    }

    /**
     * This federation's task declaring {@code purpose} (and, unless null, the risk model {@code riskModel}), each
     * member approving its dataset's use right after the task is created (docs/access.md).
     */
    public LocalFederation withUse(UsePurpose purpose, RiskModelSpec riskModel) {
        return new LocalFederation(ledgers, blobs, log, purpose, riskModel, subset);
    }

    /**
     * This federation's task trained in two stages on a shared subset ({@code plan}): each organisation registers its
     * member key, and each member contributes its share right after the task is created (docs/non-iid.md); the
     * nodes' configurations name their organisation's member key.
     */
    public LocalFederation withSharedSubset(SubsetPlan plan) {
        return new LocalFederation(ledgers, blobs, log, purpose, risk, plan);
    }

    /**
     * @param table the whole table (e.g. data/breast_cancer_wisconsin_diagnostic.csv)
     * @param mappingFile the task's schema mapping
     * @param directory where the partitions and node configurations go (one sub-directory per member)
     */
    public FederationPlan setUp(
            List<FederationMember> members,
            Path table,
            Path mappingFile,
            String labelColumn,
            FederationOptions options,
            Path directory)
            throws IOException, DataException, MedfedException, ProfileException, BlobStoreException {
        SchemaMapping mapping = SchemaMapping.load(mappingFile);
        CsvPartitions.Split split = CsvPartitions.split(
                CsvReader.read(table), labelColumn, members.size(), options.testFraction(), options.seed());
        Path data = Files.createDirectories(directory.resolve("data"));
        Path mappingCopy = data.resolve(mappingFile.getFileName());
        Files.copy(mappingFile, mappingCopy, StandardCopyOption.REPLACE_EXISTING);
        Path testCsv = data.resolve("test.csv");
        CsvPartitions.write(split.test(), testCsv);
        log.info("split " + table.getFileName() + ": "
                + split.parts().stream().map(CsvTable::size).toList()
                + " rows for " + members.stream().map(FederationMember::org).toList() + ", "
                + split.test().size()
                + " held back for testing");

        Map<String, String> ids = new TreeMap<>();
        Map<String, Path> configs = new TreeMap<>();
        Map<String, Path> partitions = new TreeMap<>();
        for (int i = 0; i < members.size(); i++) {
            FederationMember member = members.get(i);
            Path partition = data.resolve(member.slug() + ".csv");
            CsvPartitions.write(split.parts().get(i), partition);
            partitions.put(member.org(), partition);
            ids.put(member.org(), register(member, members.get(0).admin()));
            registerDataset(member, partition, labelColumn);
        }
        ContentRef initial = initialModel(members, options, mapping);
        if (subset != null) {
            SubsetSetUp.registerKeys(members, ledgers, log);
        }
        long trainingRows =
                Math.round(split.parts().stream().mapToLong(CsvTable::size).sum() * (1 - options.validationFraction()));
        TaskSpec spec = createTask(members, options, mapping, ids, initial, trainingRows);
        if (spec.requiresDatasetApproval()) {
            for (FederationMember member : members) {
                approveUse(member, spec);
            }
        }
        if (subset != null) {
            SubsetSetUp.contribute(members, spec, partitions, mapping, options, ledgers, blobs, log);
        }
        for (int i = 0; i < members.size(); i++) {
            FederationMember member = members.get(i);
            Path home = Files.createDirectories(directory.resolve(member.slug()));
            Path dataSource = member.role() == Role.WEARABLE_GATEWAY
                    ? deviceInbox(split.parts().get(i), home.resolve("inbox"))
                    : partitions.get(member.org());
            configs.put(
                    member.org(),
                    NodeConfigs.write(
                            home.resolve("client.yaml"),
                            member,
                            dataSource,
                            mappingCopy,
                            List.of(spec.id()),
                            home.resolve("work"),
                            options,
                            subset == null ? null : SubsetSetUp.keyFile(member)));
        }
        return new FederationPlan(spec, ids, configs, testCsv, mappingCopy, members);
    }

    /** The member's user as a participant (registered by an admin), reused when it already exists. */
    private String register(FederationMember member, ConnectionProfile admin)
            throws MedfedException, ProfileException, IOException {
        try (LedgerClient user = ledgers.open(member.user())) {
            var caller = new ParticipantLedger(user).caller().value();
            if (caller.participant().isPresent()) {
                return caller.participantId();
            }
            try (LedgerClient adminClient = ledgers.open(admin)) {
                new ParticipantLedger(adminClient)
                        .register(
                                member.user().mspId(),
                                CertificateSubjects.of(member.user().certificate()),
                                member.role(),
                                member.org() + " node (" + member.role().wire() + ")");
            } catch (MedfedException e) {
                if (!ErrorCode.ALREADY_EXISTS.name().equals(e.code())) {
                    throw e;
                }
            }
            log.info("registered " + member.org() + "'s node as participant " + caller.participantId());
            return caller.participantId();
        }
    }

    private void registerDataset(FederationMember member, Path partition, String labelColumn)
            throws IOException, MedfedException, ProfileException {
        DatasetFingerprint fingerprint = DatasetFingerprint.of(partition, List.of(labelColumn));
        try (LedgerClient user = ledgers.open(member.user())) {
            new DatasetLedger(user)
                    .register(new DatasetRegistration(
                            member.datasetId(),
                            fingerprint.schemaSha256(),
                            fingerprint.rowCount(),
                            fingerprint.contentSha256(),
                            "federated training of a diagnostic model (medfed local federation)",
                            "simulated site of a public" + " dataset",
                            "CC BY 4.0 (UCI Machine Learning Repository)"));
            log.info("registered dataset " + member.datasetId() + " (" + fingerprint.rowCount() + " rows) for "
                    + member.org());
        } catch (MedfedException e) {
            if (!ErrorCode.ALREADY_EXISTS.name().equals(e.code())) {
                throw e;
            }
        }
    }

    private void approveUse(FederationMember member, TaskSpec spec)
            throws MedfedException, ProfileException, IOException {
        try (LedgerClient user = ledgers.open(member.user())) {
            new DatasetLedger(user)
                    .approveUse(
                            spec.id(),
                            member.datasetId(),
                            member.org() + " approves "
                                    + spec.usePurpose().code().wire() + ": "
                                    + spec.usePurpose().statement());
        }
        log.info(member.org() + " approved the use of dataset " + member.datasetId() + " by task " + spec.id());
    }

    private ContentRef initialModel(List<FederationMember> members, FederationOptions options, SchemaMapping mapping)
            throws BlobStoreException {
        ModelSpec shape = modelSpec(options, mapping, new ContentRef("bafkreiplaceholder0000", "0".repeat(64)));
        byte[] blob = InitialModel.blob(shape, options.seed());
        BlobRef ref = null;
        for (FederationMember member : members) {
            ref = blobs.open(member.user().ipfsApi()).add(blob);
        }
        log.info("initial model " + ref.cid() + " (" + shape.parameterCount() + " parameters) on every organisation's"
                + " IPFS node");
        return new ContentRef(ref.cid(), ref.sha256Hex());
    }

    private static ModelSpec modelSpec(FederationOptions options, SchemaMapping mapping, ContentRef initial) {
        return new ModelSpec(
                ModelSpec.MLP,
                mapping.featureNames().size(),
                options.hiddenLayers(),
                "relu",
                mapping.label().classes().size(),
                initial);
    }

    private TaskSpec createTask(
            List<FederationMember> members,
            FederationOptions options,
            SchemaMapping mapping,
            Map<String, String> ids,
            ContentRef initial,
            long trainingRows)
            throws MedfedException, ProfileException {
        List<String> datasets = new ArrayList<>(
                new TreeSet<>(members.stream().map(FederationMember::datasetId).toList()));
        TaskSpec spec = new TaskSpec(
                options.taskId(),
                options.title(),
                modelSpec(options, mapping, initial),
                new TrainingSpec(
                        options.epochs(),
                        options.batchSize(),
                        options.learningRate(),
                        "sgd",
                        java.math.BigDecimal.ZERO),
                options.rounds(),
                options.quorum(),
                options.roundSeconds(),
                2,
                new StrategySpec(options.strategy(), new TreeMap<>()),
                new DpPolicy(
                        options.clipNorm(),
                        options.noiseMultiplier(),
                        options.delta(),
                        options.maxEpsilon(),
                        EpsilonConversion.IMPROVED),
                ReputationPolicy.defaults(),
                new ArrayList<>(new TreeSet<>(ids.values())),
                datasets,
                options.secureAggregation(),
                purpose,
                risk,
                subset == null
                        ? null
                        : subset.spec(
                                datasets,
                                trainingRows,
                                mapping.label().classes().size()));
        try (LedgerClient admin = ledgers.open(members.get(0).admin())) {
            new TaskLedger(admin).create(spec);
        }
        log.info("created task " + spec.id() + ": " + options.rounds() + " rounds, " + options.strategy() + ", DP-SGD"
                + " sigma " + options.noiseMultiplier() + " clip " + options.clipNorm() + ", max epsilon "
                + options.maxEpsilon()
                + (spec.securelyAggregated()
                        ? ", secure aggregation " + spec.secureAggregation().toJson()
                        : "")
                + spec.subset()
                        .map(s -> ", shared subset of " + s.rowsPerClass() + " rows per class (beta "
                                + s.beta().toPlainString() + ", alpha "
                                + s.alpha().toPlainString() + ")")
                        .orElse(""));
        return spec;
    }

    /** A wearable gateway's share as three device files in its inbox. */
    private static Path deviceInbox(CsvTable rows, Path inbox) throws IOException {
        Files.createDirectories(inbox);
        int devices = 3;
        for (int d = 0; d < devices; d++) {
            List<CsvTable.Row> mine = new ArrayList<>();
            for (int r = d; r < rows.size(); r += devices) {
                mine.add(rows.rows().get(r));
            }
            CsvPartitions.write(
                    new CsvTable(rows.source() + " device " + (d + 1), rows.header(), mine),
                    inbox.resolve("device-" + (d + 1) + ".csv"));
        }
        return inbox;
    }
}
