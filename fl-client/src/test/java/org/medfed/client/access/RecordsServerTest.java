package org.medfed.client.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.hyperledger.fabric.client.identity.Identities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.access.RecordsClient.Answer;
import org.medfed.client.access.TestPki.Identity;
import org.medfed.client.access.TestPki.Org;
import org.medfed.client.data.CsvReader;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.network.ListeningSockets;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ParticipantIds;

/** Real mutual TLS on an ephemeral loopback port; the ledger is a fake {@link GrantCheck}. */
class RecordsServerTest {

    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private static final String TABLE = """
            patientId,name,age,observedAt,SystolicBP,DiastolicBP,BS,BodyTemp,HeartRate,note
            P0001,Ayesha Akter,25,2025-05-01T08:00:00Z,130,80,15,98,86,reports mild headache
            P0001,Ayesha Akter,25,2025-05-08T08:00:00Z,140,90,13,98,70,follow-up visit
            P0002,Fatema Khan,35,2025-05-02T09:00:00Z,120,60,6.1,98,76,no complaints
            """;

    @TempDir
    Path dir;

    private Org hospital;
    private Org clinic;
    private Identity holder;
    private Identity clinician;
    private TrustedCas consortium;
    private PatientRefs refs;
    private FakeGrants grants;
    private ReleaseLog log;
    private List<String> nodeLog;
    private RecordsServer server;

    @BeforeEach
    void start() throws Exception {
        hospital = TestPki.org(dir, "HospitalMSP", "hospital.medfed.local");
        clinic = TestPki.org(dir, "ClinicMSP", "clinic.medfed.local");
        holder = hospital.issue("User1", "client");
        clinician = clinic.issue("dr-rahman", "client");
        consortium = TrustedCas.load(Map.of("HospitalMSP", hospital.caPem(), "ClinicMSP", clinic.caPem()));
        refs = PatientRefs.create(dir.resolve("patients.key"));
        HeldPatients patients = HeldPatients.of(PatientTable.of(CsvReader.parse(TABLE, "test")), refs);
        grants = new FakeGrants();
        log = new ReleaseLog(dir.resolve("releases.jsonl"));
        nodeLog = new ArrayList<>();
        server = RecordsServer.start(
                0,
                HolderTls.context(holder.certPem(), holder.keyPem(), consortium),
                consortium,
                patients,
                grants,
                log,
                Clock.fixed(NOW, ZoneOffset.UTC),
                (level, message) -> nodeLog.add(message));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listensOnTheLoopbackInterfaceOnly() {
        assertThat(ListeningSockets.of(ProcessHandle.current().pid()))
                .filteredOn(s -> s.port() == server.port())
                .singleElement()
                .satisfies(s -> assertThat(s.loopback()).as(s.toString()).isTrue());
    }

    private String clinicianId() {
        return ParticipantIds.of("ClinicMSP", clinician.subject());
    }

    private String holderId() {
        return ParticipantIds.of("HospitalMSP", holder.subject());
    }

    private URI url() {
        return URI.create("https://127.0.0.1:" + server.port());
    }

    private Answer fetchAs(Identity who, String patientId, String scope) throws Exception {
        return fetch(HolderTls.context(who.certPem(), who.keyPem(), consortium), refs.of(patientId), scope);
    }

    private Answer fetch(SSLContext tls, String ref, String scope) throws IOException {
        return new RecordsClient(tls, TrustedCas.load(Map.of("HospitalMSP", hospital.caPem())))
                .fetch(url(), holderId(), ref, scope, "dec-1");
    }

    @Test
    void releasesOnlyTheGrantedScopeAfterTheReleaseCommits() throws Exception {
        grants.grant(clinicianId(), refs.of("P0001"), "vitals", "dec-1");

        Answer answer = fetchAs(clinician, "P0001", "vitals");

        assertThat(answer.status()).isEqualTo(200);
        Map<String, Object> records = JsonFields.object(answer.body(), "records");
        assertThat(records.keySet()).containsExactly("observations");
        assertThat(JsonFields.objects(records, "observations"))
                .extracting(o -> o.get("SystolicBP").toString())
                .containsExactly("130", "140");
        assertThat(answer.body().toString()).doesNotContain("Ayesha", "P0001", "headache");
        String sha = HeldPatients.sha256(records);
        assertThat(answer.body()).containsEntry("recordsSha256", sha).containsEntry("releaseId", "tx-1");
        assertThat(grants.releases).containsExactly("dec-1 vitals " + sha);
        ReleaseLog.Entry entry = log.read().get(0);
        assertThat(log.read()).hasSize(1);
        assertThat(entry.releaseId()).isEqualTo("tx-1");
        assertThat(entry.requester().participantId()).isEqualTo(clinicianId());
        assertThat(entry.requester().mspId()).isEqualTo("ClinicMSP");
        assertThat(entry.patientRef()).isEqualTo(refs.of("P0001"));
        assertThat(entry.recordsSha256()).isEqualTo(sha);
        assertThat(entry.releasedAt()).isEqualTo(NOW);
    }

    @Test
    void summaryScopeReleasesIdentityButNoVitalsOrNotes() throws Exception {
        grants.grant(clinicianId(), refs.of("P0002"), "summary", "dec-2");

        Answer answer = fetchAs(clinician, "P0002", "summary");

        assertThat(JsonFields.object(answer.body(), "records"))
                .containsOnlyKeys("patientId", "name", "age")
                .containsEntry("name", "Fatema Khan");
    }

    @Test
    void refusesWithoutLiveGrantNamingTheCodeAndReleasesNothing() throws Exception {
        grants.grant(clinicianId(), refs.of("P0001"), "summary", "dec-1");

        Answer answer = fetchAs(clinician, "P0001", "notes");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.error()).isEqualTo("NO_LIVE_GRANT");
        assertThat(answer.body()).doesNotContainKey("records");
        assertThat(grants.releases).isEmpty();
        assertThat(log.read()).isEmpty();
    }

    @Test
    void servesNothingWhenTheReleaseDoesNotCommit() throws Exception {
        grants.grant(clinicianId(), refs.of("P0001"), "vitals", "dec-1");
        grants.releaseFails = new MedfedException("NO_LIVE_GRANT", "grant expired at ledger time", "tx-9");

        Answer answer = fetchAs(clinician, "P0001", "vitals");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.error()).isEqualTo("NO_LIVE_GRANT");
        assertThat(answer.body()).doesNotContainKey("records");
        assertThat(log.read()).isEmpty();
    }

    @Test
    void anotherRequestersGrantDoesNotCount() throws Exception {
        Identity colleague = clinic.issue("dr-other", "client");
        grants.grant(clinicianId(), refs.of("P0001"), "vitals", "dec-1");

        assertThat(fetchAs(colleague, "P0001", "vitals").error()).isEqualTo("NO_LIVE_GRANT");
        assertThat(grants.checked).containsExactly(ParticipantIds.of("ClinicMSP", colleague.subject()));
    }

    @Test
    void requestWithoutClientCertificateIsUnauthenticated() throws Exception {
        grants.grant(clinicianId(), refs.of("P0001"), "vitals", "dec-1");
        SSLContext anonymous = SSLContext.getInstance("TLSv1.3");
        anonymous.init(null, consortium.trustManagers().getTrustManagers(), null);

        Answer answer = fetch(anonymous, refs.of("P0001"), "vitals");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(grants.checked).isEmpty();
    }

    @Test
    void certificateFromOutsideTheConsortiumIsNeverAccepted() throws Exception {
        Org rogue = TestPki.org(dir, "ClinicMSP", "rogue.example");
        Identity impostor = rogue.issue("dr-rahman", "client");
        grants.grant(ParticipantIds.of("ClinicMSP", impostor.subject()), refs.of("P0001"), "vitals", "dec-1");
        SSLContext insisting = SSLContext.getInstance("TLSv1.3");
        insisting.init(
                new KeyManager[] {new Insisting(impostor)},
                consortium.trustManagers().getTrustManagers(),
                null);

        // JSSE does not offer a certificate the server's CAs did not issue: no certificate, 401
        assertThat(fetchAs(impostor, "P0001", "vitals").status()).isEqualTo(401);
        // offered anyway, it fails the handshake
        assertThatThrownBy(() -> fetch(insisting, refs.of("P0001"), "vitals")).isInstanceOf(IOException.class);
        assertThat(grants.checked).isEmpty();
    }

    @Test
    void unknownPatientIsNotFoundAndBadScopeIsABadRequest() throws Exception {
        SSLContext tls = HolderTls.context(clinician.certPem(), clinician.keyPem(), consortium);

        assertThat(fetch(tls, refs.of("P9999"), "vitals").status()).isEqualTo(404);
        assertThat(fetch(tls, "not-a-ref", "vitals").status()).isEqualTo(404);
        Answer badScope = fetch(tls, refs.of("P0001"), "everything");
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.error()).isEqualTo("INVALID_ARGUMENT");
        assertThat(grants.checked).isEmpty();
    }

    @Test
    void unreachableLedgerIsServiceUnavailable() throws Exception {
        grants.checkFails = new MedfedException(MedfedException.UNAVAILABLE, "peer down", null);

        assertThat(fetchAs(clinician, "P0001", "vitals").status()).isEqualTo(503);
    }

    @Test
    void clientRefusesAServerThatIsNotThePatientsHolder() throws Exception {
        grants.grant(clinicianId(), refs.of("P0001"), "vitals", "dec-1");
        RecordsClient client = new RecordsClient(
                HolderTls.context(clinician.certPem(), clinician.keyPem(), consortium),
                TrustedCas.load(Map.of("HospitalMSP", hospital.caPem())));

        assertThatThrownBy(() -> client.fetch(url(), "f".repeat(64), refs.of("P0001"), "vitals", "dec-1"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not the patient's data holder");
        assertThat(grants.checked).isEmpty();
    }

    /** Offers its certificate whatever CAs the server names. */
    private static final class Insisting extends X509ExtendedKeyManager {
        private final Identity identity;
        private final PrivateKey key;

        Insisting(Identity identity) throws Exception {
            this.identity = identity;
            try (Reader in = Files.newBufferedReader(identity.keyPem())) {
                this.key = Identities.readPrivateKey(in);
            }
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "identity";
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "identity";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"identity"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {identity.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }

    /** Grants by (requester, patient, scope); releases recorded as "decision scope sha". */
    private static final class FakeGrants implements GrantCheck {
        final Map<String, String> live = new HashMap<>();
        final List<String> checked = new ArrayList<>();
        final List<String> releases = new ArrayList<>();
        MedfedException checkFails;
        MedfedException releaseFails;

        void grant(String requester, String ref, String scope, String decisionId) {
            live.put(requester + " " + ref + " " + scope, decisionId);
        }

        @Override
        public synchronized LiveGrant check(String requesterId, String patientRef, RecordScope scope)
                throws MedfedException {
            checked.add(requesterId);
            if (checkFails != null) {
                throw checkFails;
            }
            String decision = live.get(requesterId + " " + patientRef + " " + scope.wire());
            if (decision == null) {
                throw MedfedException.fromChaincode("NO_LIVE_GRANT", "no live grant", null, null);
            }
            return new LiveGrant(decision, NOW.plusSeconds(600));
        }

        @Override
        public synchronized String recordRelease(ReleaseRecord.Request release) throws MedfedException {
            if (releaseFails != null) {
                throw releaseFails;
            }
            releases.add(release.decisionId() + " " + release.scope().wire() + " " + release.recordsSha256());
            return "tx-" + releases.size();
        }
    }
}
