package org.medfed.client.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.medfed.client.ExitCodes;
import org.medfed.client.access.HeldPatients;
import org.medfed.client.access.HolderTls;
import org.medfed.client.access.RecordsClient;
import org.medfed.client.access.TrustedCas;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.AccessLedger;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.RecordScope;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "fetch",
        description = {
            "Fetch one scope of a patient's records from the patient's data holder under a grant: mutual TLS with "
                    + "this profile's identity certificate, trusting only the holder's organisation's CA, and only a "
                    + "server whose certificate names the holder the decision records. The holder checks the grant "
                    + "on the ledger and records the release before it answers.",
            "Prints the records as JSON after checking they hash to what the holder recorded (else exit 4)."
        })
final class AccessFetchCommand extends LedgerCommand {

    @Option(names = "--decision", required = true, paramLabel = "ID", description = "The granting decision.")
    private String decisionId;

    @Option(names = "--scope", required = true, paramLabel = "SCOPE", description = "summary, vitals or notes.")
    private String scopeName;

    @Option(
            names = "--holder-url",
            required = true,
            paramLabel = "URL",
            description = "The holder's records server, for example https://127.0.0.1:7443.")
    private String holderUrl;

    @Option(
            names = "--holder-ca",
            required = true,
            paramLabel = "[MSPID=]PEM",
            description = "The holder organisation's identity CA certificate (network/data/crypto/"
                    + "peerOrganizations/<domain>/msp/cacerts/*.pem), optionally with its MSP id; without it the "
                    + "MSP id is the holder's as the ledger registers it.")
    private String holderCa;

    private RecordScope scope;
    private URI holder;
    /** The MSP id given with the CA certificate, or null: the holder's registered MSP id. */
    private String caMsp;

    private Path caPem;

    @Override
    protected boolean prepare() {
        try {
            scope = RecordScope.fromWire(scopeName);
            if (holderCa.contains("=")) {
                Map.Entry<String, Path> entry = TrustedCas.parseEntry(holderCa);
                caMsp = entry.getKey();
                caPem = entry.getValue();
            } else {
                caPem = Path.of(holderCa);
            }
            holder = new URI(holderUrl);
            if (!"https".equals(holder.getScheme()) || holder.getHost() == null) {
                throw new IllegalArgumentException("--holder-url must be https://HOST:PORT, got " + holderUrl);
            }
        } catch (IllegalArgumentException | URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return true;
    }

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        // Asked of the holder even for a denial: the holder, not this client, enforces the ledger's decision.
        AccessDecision decision = new AccessLedger(ledger).decision(decisionId).value();
        String msp = caMsp != null
                ? caMsp
                : new ParticipantLedger(ledger).get(decision.holderId()).value().mspId();
        RecordsClient client;
        try {
            TrustedCas holderCas = TrustedCas.load(Map.of(msp, caPem));
            client = new RecordsClient(HolderTls.context(identity.load(), holderCas), holderCas);
        } catch (IOException e) {
            throw new InputException(e.getMessage(), e);
        }
        RecordsClient.Answer answer;
        try {
            answer = client.fetch(holder, decision.holderId(), decision.patientRef(), scope.wire(), decisionId);
        } catch (IOException e) {
            return fail("cannot fetch from " + holder + ": " + e.getMessage(), ExitCodes.NETWORK_UNAVAILABLE);
        }
        if (!answer.released()) {
            return fail(
                    "the holder refused: " + answer.status() + " " + answer.error() + ": "
                            + JsonFields.optionalString(answer.body(), "message"),
                    switch (answer.status()) {
                        case 401, 403 -> ExitCodes.LEDGER_REFUSED;
                        case 400, 404 -> ExitCodes.USAGE;
                        case 503 -> ExitCodes.NETWORK_UNAVAILABLE;
                        default -> ExitCodes.INTERNAL;
                    });
        }
        Map<String, Object> records = JsonFields.object(answer.body(), "records");
        String sha256 = HeldPatients.sha256(records);
        if (!sha256.equals(JsonFields.string(answer.body(), "recordsSha256"))) {
            return fail(
                    "MISMATCH: the records hash to " + sha256 + ", the holder recorded "
                            + answer.body().get("recordsSha256"),
                    ExitCodes.VERIFICATION_FAILED);
        }
        if (json) {
            printJson(CanonicalJson.encode(answer.body()));
            return ExitCodes.OK;
        }
        out().println("release " + answer.body().get("releaseId") + " under decision "
                + answer.body().get("decisionId") + ": " + scope.wire() + " of " + decision.patientRef() + ", sha256 "
                + sha256);
        out().println(CanonicalJson.encode(records));
        out().flush();
        return ExitCodes.OK;
    }

    private int fail(String message, int exitCode) {
        spec.commandLine().getErr().println("error: " + message);
        spec.commandLine().getErr().flush();
        return exitCode;
    }
}
