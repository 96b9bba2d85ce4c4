package org.medfed.client.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.medfed.client.ExitCodes;
import org.medfed.client.access.PatientRefs;
import org.medfed.client.access.RecordsServer;
import org.medfed.client.access.RecordsSettings;
import org.medfed.client.access.TrustedCas;
import org.medfed.client.data.DataException;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.participation.NodeLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
        name = "records",
        description = "A data holder's patient records (docs/access.md): key, ref, serve.",
        subcommands = {RecordsCommand.Key.class, RecordsCommand.Ref.class, RecordsCommand.Serve.class})
final class RecordsCommand extends GroupCommand {

    @Command(
            name = "key",
            mixinStandardHelpOptions = true,
            exitCodeOnInvalidInput = ExitCodes.USAGE,
            description = "Create the hospital's patient key (32 random bytes, readable by its owner only). Patient "
                    + "references are HMAC-SHA256 under it; never share it, never replace it.")
    static final class Key extends ReportingCommand {
        @Parameters(paramLabel = "FILE", description = "Where to create the key (must not exist).")
        private Path file;

        @Override
        protected int run() throws Exception {
            try {
                PatientRefs.create(file);
            } catch (IOException e) {
                throw new InputException(e.getMessage(), e);
            }
            out().println("created patient key " + file.toAbsolutePath().normalize() + " (rw-------)");
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "ref",
            mixinStandardHelpOptions = true,
            exitCodeOnInvalidInput = ExitCodes.USAGE,
            description = "Print the ledger reference of patients, as the holder gives it to a clinician.")
    static final class Ref extends ReportingCommand {
        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The patient key.")
        private Path key;

        @Parameters(arity = "1..*", paramLabel = "PATIENT_ID", description = "Patient ids.")
        private List<String> patientIds;

        @Override
        protected int run() throws Exception {
            PatientRefs refs;
            try {
                refs = PatientRefs.load(key);
            } catch (IOException e) {
                throw new InputException(e.getMessage(), e);
            }
            for (String id : patientIds) {
                out().println(id + " " + refs.of(id));
            }
            out().flush();
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "serve",
            description = {
                "Serve this holder's patients' records on 127.0.0.1:PORT over mutual TLS until Ctrl-C: the server "
                        + "presents this profile's identity; a requester presents theirs, issued by one of the --ca "
                        + "organisations. A scope of a patient's records is sent only to a requester holding a live "
                        + "grant for it (access:checkGrant at request time), and only after access:recordRelease "
                        + "commits; every release is appended to --release-log."
            })
    static final class Serve extends LedgerCommand {
        @Option(names = "--patients", required = true, paramLabel = "FILE", description = "The patient table.")
        private Path patients;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The patient key.")
        private Path key;

        @Option(names = "--port", required = true, paramLabel = "N", description = "Port on 127.0.0.1 (0: any).")
        private int port;

        @Option(
                names = "--ca",
                required = true,
                paramLabel = "MSPID=PEM",
                description = "A consortium organisation's MSP id and identity CA certificate; repeat for each.")
        private List<String> cas;

        @Option(
                names = "--release-log",
                paramLabel = "FILE",
                defaultValue = "releases.jsonl",
                description = "The JSON-lines log of releases (default: ${DEFAULT-VALUE}).")
        private Path releaseLog;

        @Option(
                names = "--replay-at-now",
                description = "Shift the table's times so its latest observation is now (a recorded table, demos).")
        private boolean replay;

        private RecordsSettings settings;

        @Override
        protected boolean prepare() {
            Map<String, Path> byMsp = new TreeMap<>();
            try {
                for (String ca : cas) {
                    Map.Entry<String, Path> entry = TrustedCas.parseEntry(ca);
                    if (byMsp.put(entry.getKey(), entry.getValue()) != null) {
                        throw new IllegalArgumentException("--ca names " + entry.getKey() + " twice");
                    }
                }
                settings = new RecordsSettings(patients, key, port, byMsp, releaseLog, replay);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            return true;
        }

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            NodeLog log = (level, message) -> {
                synchronized (this) {
                    out().println(Instant.now() + " " + level + " " + message);
                    out().flush();
                }
            };
            RecordsServer server;
            try {
                server = settings.start(identity.load(), ledger, Clock.systemUTC(), log);
            } catch (IOException | DataException e) {
                throw new InputException(e.getMessage(), e);
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "records-serve-shutdown"));
            try (server) {
                log.info("serving records on https://127.0.0.1:" + server.port() + " for "
                        + settings.cas().keySet() + "; releases logged to "
                        + releaseLog.toAbsolutePath().normalize());
                stopped.await();
            }
            return ExitCodes.OK;
        }
    }
}
