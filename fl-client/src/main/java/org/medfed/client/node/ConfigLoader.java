package org.medfed.client.node;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.medfed.client.access.RecordsSettings;
import org.medfed.client.data.DataException;
import org.medfed.client.data.DeviceInbox;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.model.Checks;
import org.medfed.common.model.Role;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads a {@link ClientConfig} from YAML and checks every key, collecting all problems before it fails. */
final class ConfigLoader {

    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?" + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final YamlNode root;
    private final Path dir;

    private ConfigLoader(YamlNode root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    static ClientConfig load(Path file) throws ConfigException {
        Path source = file.toAbsolutePath().normalize();
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            document = new Yaml(new SafeConstructor(options)).load(Files.readString(source, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new ConfigException(
                    source.toString(),
                    List.of(
                            "there is no such file: give the path of the node's "
                                    + "configuration (commented examples: fl-client/src/main/resources/examples/client-*.yaml)"));
        } catch (IOException e) {
            throw new ConfigException(source.toString(), List.of("cannot read the file: " + e));
        } catch (YAMLException e) {
            throw new ConfigException(source.toString(), List.of("not valid YAML: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        YamlNode root = YamlNode.root(document, problems);
        ClientConfig config = new ConfigLoader(root, source.getParent()).read(source);
        if (!problems.isEmpty()) {
            throw new ConfigException(source.toString(), problems);
        }
        return config;
    }

    private ClientConfig read(Path source) {
        root.allow(
                "role",
                "mspId",
                "identity",
                "peer",
                "channel",
                "chaincode",
                "ipfsApi",
                "data",
                "tasks",
                "workDir",
                "limits",
                "records",
                "subset",
                "storage");
        Role role = role();
        YamlNode identity = root.child("identity");
        identity.allow("certificate", "privateKey");
        YamlNode peer = root.child("peer");
        peer.allow("endpoint", "tlsCaCert", "tlsHostOverride");
        String mspId = root.string("mspId", "HospitalMSP");
        if (!mspId.isEmpty() && !MSP_ID.matcher(mspId).matches()) {
            root.problem("mspId", "must be an MSP id such as HospitalMSP, got '" + mspId + "'");
        }
        String endpoint = peer.string("endpoint", "127.0.0.1:7051");
        if (!endpoint.isEmpty() && !isHostPort(endpoint)) {
            peer.problem("endpoint", "must be host:port (for example 127.0.0.1:7051), got '" + endpoint + "'");
        }
        Optional<String> override = peer.optionalString("tlsHostOverride");
        override.filter(h -> !HOST.matcher(h).matches())
                .ifPresent(h -> peer.problem(
                        "tlsHostOverride", "must be a host name such as peer0.hospital.medfed, got '" + h + "'"));
        ConnectionProfile connection = new ConnectionProfile(
                source,
                name(source),
                mspId,
                endpoint,
                readableFile(peer, "tlsCaCert"),
                readableFile(identity, "certificate"),
                readableFile(identity, "privateKey"),
                root.string("channel", "medfed"),
                root.string("chaincode", "medfed"),
                ipfsApi());
        Path workDir = workDir();
        ClientConfig.DataSource data = data(role);
        List<String> tasks = tasks();
        return new ClientConfig(
                source,
                role,
                connection,
                override,
                data,
                tasks,
                workDir,
                limits(),
                records(workDir, tasks),
                subsetKey(),
                pruneStorage());
    }

    private Role role() {
        String wire = root.string("role", "hospital");
        if (wire.isEmpty()) {
            return null;
        }
        try {
            Role role = Role.fromWire(wire);
            if (role.holdsData()) {
                return role;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        root.problem(
                "role",
                "must be hospital, clinic or wearable-gateway (the roles that hold data and train), " + "got '" + wire
                        + "'");
        return null;
    }

    private ClientConfig.DataSource data(Role role) {
        YamlNode data = root.child("data");
        data.allow("datasetId", "csv", "partition", "inbox", "window", "mapping", "validationFraction", "splitSeed");
        String datasetId = datasetId(data);
        SchemaMapping mapping = mapping(data);
        double fraction = data.optionalNumber("validationFraction").orElse(0.2);
        if (!(fraction >= 0 && fraction < 1)) {
            data.problem("validationFraction", "must be at least 0 and below 1 (for example 0.2), got " + fraction);
        }
        long seed = data.optionalInteger("splitSeed").orElse(0L);
        Path mappingFile =
                data.has("mapping") ? dir.resolve(data.string("mapping", "")).normalize() : null;
        if (role == Role.WEARABLE_GATEWAY) {
            data.forbid("csv", "a wearable gateway reads device files from 'data.inbox'");
            data.forbid("partition", "a wearable gateway's inbox holds only its own devices");
            Path inbox = directory(data, "inbox");
            YamlNode window = data.child("window");
            window.allow("maxRows", "timestampColumn");
            long maxRows = window.integer("maxRows", "5000").orElse(1L);
            if (maxRows <= 0 || maxRows > Integer.MAX_VALUE) {
                window.problem("maxRows", "must be a positive number of readings to keep, got " + maxRows);
                maxRows = 1;
            }
            Optional<String> timestamp = window.optionalString("timestampColumn");
            DeviceInbox.Window bounds = new DeviceInbox.Window((int) maxRows, timestamp);
            return new ClientConfig.InboxSource(datasetId, inbox, mappingFile, mapping, bounds, fraction, seed);
        }
        data.forbid(
                "inbox",
                "only a wearable-gateway reads an inbox; a " + (role == null ? "table" : role.wire())
                        + " node reads 'data.csv'");
        data.forbid("window", "only a wearable-gateway keeps a window");
        Path csv = readableFile(data, "csv");
        Optional<String> partition = data.optionalString("partition");
        if (partition.isPresent()
                && mapping != null
                && mapping.partitionColumn().isEmpty()) {
            data.problem(
                    "partition",
                    "is set but mapping " + mappingFile + " declares no 'partition' column: remove "
                            + "data.partition or use a mapping with one");
        }
        return new ClientConfig.CsvSource(datasetId, csv, mappingFile, mapping, partition, fraction, seed);
    }

    /** The dataset as registered on the ledger (dataset:registerDataset) and admitted to the node's tasks. */
    private static String datasetId(YamlNode data) {
        String id = data.string("datasetId", "wdbc-hospital");
        if (!data.has("datasetId")) {
            return id;
        }
        try {
            return Checks.id("datasetId", id);
        } catch (IllegalArgumentException e) {
            data.problem("datasetId", "must be the id the dataset was registered under: " + e.getMessage());
            return id;
        }
    }

    private SchemaMapping mapping(YamlNode data) {
        Path file = readableFile(data, "mapping");
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return SchemaMapping.load(file);
        } catch (DataException e) {
            data.problem("mapping", "points to a schema mapping that cannot be used: " + e.getMessage());
            return null;
        }
    }

    private List<String> tasks() {
        List<String> tasks = root.strings("tasks");
        for (String task : tasks) {
            if (task.isBlank()) {
                root.problem("tasks", "holds an empty task id");
            }
        }
        if (tasks.size() != tasks.stream().distinct().count()) {
            root.problem("tasks", "lists a task id twice");
        }
        return tasks;
    }

    private ClientConfig.Limits limits() {
        YamlNode limits = root.child("limits");
        limits.allow("maxEpsilon", "maxEpochs", "allowTasksWithoutDp");
        Optional<Double> epsilon = limits.number("maxEpsilon", "8.0");
        epsilon.filter(e -> !(e > 0 && Double.isFinite(e)))
                .ifPresent(
                        e -> limits.problem("maxEpsilon", "must be a positive, finite ε (for example 8.0), got " + e));
        Optional<Long> epochs = limits.integer("maxEpochs", "5");
        epochs.filter(e -> e <= 0 || e > 10_000)
                .ifPresent(e -> limits.problem(
                        "maxEpochs", "must be a positive number of local epochs per round (at most 10000), got " + e));
        return new ClientConfig.Limits(
                epsilon.orElse(Double.NaN),
                (int) Math.max(0, Math.min(epochs.orElse(0L), 10_000)),
                limits.optionalBoolean("allowTasksWithoutDp").orElse(false));
    }

    /** The optional records block; the release log defaults to {@code <workDir>/records/releases.jsonl}. */
    private Optional<ClientConfig.Records> records(Path workDir, List<String> tasks) {
        if (!root.has("records")) {
            return Optional.empty();
        }
        YamlNode records = root.child("records");
        records.allow("patients", "key", "replayAtNow", "serve", "attest");
        Path patients = readableFile(records, "patients");
        String rawKey = records.string("key", "/var/lib/medfed/hospital/patients.key");
        Path key = rawKey.isEmpty() ? null : dir.resolve(rawKey).normalize();
        if (key != null && !Files.isRegularFile(key)) {
            records.problem(
                    "key",
                    "points to " + key + ", which does not exist: create it with `medfed records key " + key + "`");
        }
        boolean replay = records.optionalBoolean("replayAtNow").orElse(false);
        Optional<RecordsSettings> serve = Optional.empty();
        if (records.has("serve")) {
            YamlNode node = records.child("serve");
            node.allow("port", "releaseLog", "cas");
            long port = node.integer("port", "7443").orElse(0L);
            if (port < 1 || port > 65535) {
                node.problem("port", "must be a TCP port from 1 to 65535, got " + port);
                port = 0;
            }
            Path log = node.optionalString("releaseLog")
                    .map(raw -> dir.resolve(raw).normalize())
                    .orElse(workDir == null ? null : workDir.resolve("records").resolve("releases.jsonl"));
            YamlNode cas = node.child("cas");
            Map<String, Path> byMsp = new TreeMap<>();
            for (String msp : cas.keys()) {
                if (!MSP_ID.matcher(msp).matches()) {
                    cas.problem(msp, "is not an MSP id such as HospitalMSP");
                }
                byMsp.put(msp, readableFile(cas, msp));
            }
            if (byMsp.isEmpty()) {
                node.problem(
                        "cas",
                        "must map each consortium organisation's MSP id to its CA certificate (for example "
                                + "ClinicMSP: network/data/crypto/peerOrganizations/clinic.medfed.local/msp/cacerts/"
                                + "ca.clinic.medfed.local-cert.pem)");
            }
            serve = Optional.of(new RecordsSettings(patients, key, (int) port, byMsp, log, replay));
        }
        Optional<ClientConfig.Attest> attest = Optional.empty();
        if (records.has("attest")) {
            YamlNode node = records.child("attest");
            node.allow("task", "ttlSeconds");
            String task = node.string("task", "maternal-risk");
            long ttl = node.integer("ttlSeconds", "86400").orElse(86_400L);
            if (ttl < 1 || ttl > RiskAttestation.MAX_TTL_SECONDS) {
                node.problem("ttlSeconds", "must be from 1 to " + RiskAttestation.MAX_TTL_SECONDS + ", got " + ttl);
            }
            if (!task.isEmpty() && !tasks.contains(task)) {
                node.problem(
                        "task",
                        "names " + task + ", which is not in 'tasks': the node attests with the models "
                                + "of a task it takes part in");
            }
            attest = Optional.of(new ClientConfig.Attest(task, ttl));
        }
        return Optional.of(new ClientConfig.Records(patients, key, replay, serve, attest));
    }

    private Path workDir() {
        String raw = root.string("workDir", "/var/lib/medfed/hospital");
        if (raw.isEmpty()) {
            return null;
        }
        Path path = dir.resolve(raw).normalize();
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (Files.exists(path) && !Files.isDirectory(path)) {
            root.problem("workDir", "points to " + path + ", which is a file, not a directory");
        } else if (existing == null || !Files.isWritable(existing)) {
            root.problem(
                    "workDir",
                    "points to " + path + ", which this user cannot " + (existing == path ? "write to" : "create")
                            + ": fix the permissions or choose another directory");
        }
        return path;
    }

    private URI ipfsApi() {
        String raw = root.string("ipfsApi", "http://127.0.0.1:7055");
        if (raw.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(raw);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getPort() > 0) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        root.problem(
                "ipfsApi",
                "must be the Kubo RPC API as an http URL with host and port (for example "
                        + "http://127.0.0.1:7055), got '" + raw + "'");
        return null;
    }

    /** The optional subset block: the organisation's member key, to open a two-stage task's shared rows. */
    private Optional<Path> subsetKey() {
        if (!root.has("subset")) {
            return Optional.empty();
        }
        YamlNode subset = root.child("subset");
        subset.allow("memberKey");
        return Optional.ofNullable(readableFile(subset, "memberKey"));
    }

    /** The optional storage block: whether the node applies the tasks' retention policies to its Kubo node. */
    private boolean pruneStorage() {
        if (!root.has("storage")) {
            return false;
        }
        YamlNode storage = root.child("storage");
        storage.allow("prune");
        return storage.optionalBoolean("prune").orElse(false);
    }

    private Path readableFile(YamlNode node, String key) {
        String raw = node.string(key, "relative/to/this/file.pem");
        if (raw.isEmpty()) {
            return null;
        }
        Path path = dir.resolve(raw).normalize();
        if (!Files.isRegularFile(path)) {
            node.problem(
                    key,
                    "points to " + path + ", which " + (Files.exists(path) ? "is not a file" : "does not exist")
                            + " (relative paths resolve against " + dir + ")");
        } else if (!Files.isReadable(path)) {
            node.problem(key, "points to " + path + ", which this user cannot read");
        }
        return path;
    }

    private Path directory(YamlNode node, String key) {
        String raw = node.string(key, "/var/lib/medfed/inbox");
        if (raw.isEmpty()) {
            return null;
        }
        Path path = dir.resolve(raw).normalize();
        if (!Files.isDirectory(path)) {
            node.problem(
                    key,
                    "points to " + path + ", which " + (Files.exists(path) ? "is not a directory" : "does not exist")
                            + ": create it (devices drop their files there) or fix the path");
        }
        return path;
    }

    private static boolean isHostPort(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || !HOST.matcher(endpoint.substring(0, colon)).matches()) {
            return false;
        }
        try {
            int port = Integer.parseInt(endpoint.substring(colon + 1));
            return port > 0 && port < 65536;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String name(Path source) {
        String file = source.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
