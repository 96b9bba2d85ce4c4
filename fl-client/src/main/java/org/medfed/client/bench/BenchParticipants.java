package org.medfed.client.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medfed.client.federation.ClientIdentities;
import org.medfed.client.federation.FederationMember;
import org.medfed.client.gateway.CertificateSubjects;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.DatasetLedger;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.ParticipantIds;
import org.medfed.common.protocol.ErrorCode;

/**
 * The benchmark's K participants. Each is a client identity issued by its organisation's CA (round-robin over the
 * organisations in join order: {@code bench-hospital-001}, {@code bench-clinic-001}, {@code bench-wearable-001},
 * {@code bench-hospital-002}, …), written to {@code <data>/identities/<name>/}, with a gateway of its own; an
 * organisation's identities and its admin share one TLS channel to its peer. {@link #register} makes each a
 * participant (by its organisation's admin) with a dataset of its own, as a consortium would; what is already
 * registered (a second run on the same network: the same names give the same subjects) is reused.
 */
final class BenchParticipants implements AutoCloseable {

    /** One participant: its place, identity, ids on the ledger and gateway. */
    record Member(
            int index,
            String name,
            BenchNetwork.Org org,
            ClientIdentities.Issued identity,
            String participantId,
            String datasetId,
            GatewayConnection ledger) {}

    /** Where the i-th participant (from 0) goes: its organisation and its ordinal there (from 1). */
    record Slot(BenchNetwork.Org org, int ordinal) {
        String name() {
            return String.format(Locale.ROOT, "bench-%s-%03d", org.slug(), ordinal);
        }
    }

    private final Map<String, ManagedChannel> channels;
    private final Map<String, GatewayConnection> admins;
    private final List<Member> members;

    private BenchParticipants(
            Map<String, ManagedChannel> channels, Map<String, GatewayConnection> admins, List<Member> members) {
        this.channels = channels;
        this.admins = admins;
        this.members = members;
    }

    /** Round-robin over the organisations in join order. */
    static List<Slot> slots(List<BenchNetwork.Org> orgs, int k) {
        List<Slot> slots = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            slots.add(new Slot(orgs.get(i % orgs.size()), i / orgs.size() + 1));
        }
        return slots;
    }

    /** Issues the K identities and connects them, and each organisation's admin, with {@code timeout} per call. */
    static BenchParticipants issue(BenchNetwork network, int k, Duration timeout) throws Exception {
        ClientIdentities issuer =
                new ClientIdentities(network.dataDir(), network.dataDir().resolve("identities"));
        Map<String, ManagedChannel> channels = new LinkedHashMap<>();
        Map<String, GatewayConnection> admins = new LinkedHashMap<>();
        List<Member> members = new ArrayList<>();
        BenchParticipants participants = new BenchParticipants(channels, admins, members);
        try {
            for (BenchNetwork.Org org : network.orgs()) {
                ManagedChannel channel = builder(org.user1(), timeout).channel();
                channels.put(org.name(), channel);
                admins.put(org.name(), builder(org.admin(), timeout).connect(channel));
            }
            List<Slot> slots = slots(network.orgs(), k);
            for (int i = 0; i < k; i++) {
                Slot slot = slots.get(i);
                BenchNetwork.Org org = slot.org();
                String name = slot.name();
                ClientIdentities.Issued identity = issuer.issue(
                        org.name(),
                        name + "@" + org.slug() + ".medfed.local",
                        name,
                        "client identity " + name + " of " + org.name() + ", issued by medfed bench round");
                ConnectionProfile profile = ConnectionProfile.load(identity.profile());
                String participantId =
                        ParticipantIds.of(profile.mspId(), CertificateSubjects.of(identity.certificate()));
                members.add(new Member(
                        i,
                        name,
                        org,
                        identity,
                        participantId,
                        name,
                        builder(profile, timeout).connect(channels.get(org.name()))));
            }
            return participants;
        } catch (Exception | Error e) {
            participants.close();
            throw e;
        }
    }

    private static GatewayConnection.Builder builder(ConnectionProfile profile, Duration timeout) {
        return GatewayConnection.builder(profile)
                .endorseTimeout(timeout)
                .submitTimeout(timeout)
                .commitStatusTimeout(timeout)
                .evaluateTimeout(timeout);
    }

    /** Registers every member as a participant (by its organisation's admin), then its dataset (by itself). */
    void register(Concurrently pool, LagRetry retry) throws Exception {
        List<Concurrently.Call<Void>> participants = new ArrayList<>();
        for (Member m : members) {
            participants.add(() -> {
                String subject = CertificateSubjects.of(m.identity().certificate());
                ignoringExisting(() -> retry.call(
                        () -> new ParticipantLedger(admins.get(m.org().name()))
                                .register(
                                        m.org().mspId(),
                                        subject,
                                        FederationMember.roleOf(m.org().name()),
                                        m.name() + " (medfed bench round)")));
                return null;
            });
        }
        pool.all(participants);
        List<Concurrently.Call<Void>> datasets = new ArrayList<>();
        for (Member m : members) {
            datasets.add(() -> {
                ignoringExisting(() -> retry.call(() -> new DatasetLedger(m.ledger()).register(dataset(m))));
                return null;
            });
        }
        pool.all(datasets);
    }

    /** A description of synthetic data: the benchmark's updates are seeded noise, trained on nothing. */
    static DatasetRegistration dataset(Member m) {
        return new DatasetRegistration(
                m.datasetId(),
                Hashing.sha256Hex("medfed bench round: no schema".getBytes(UTF_8)),
                1000,
                Hashing.sha256Hex(("medfed bench round: " + m.name()).getBytes(UTF_8)),
                "load test of the ledger (medfed bench round)",
                "synthetic: no patient data",
                "none (synthetic)");
    }

    @FunctionalInterface
    private interface Registration {
        Object run() throws Exception;
    }

    private static void ignoringExisting(Registration registration) throws Exception {
        try {
            registration.run();
        } catch (MedfedException e) {
            if (!ErrorCode.ALREADY_EXISTS.name().equals(e.code())) {
                throw e;
            }
        }
    }

    List<Member> members() {
        return members;
    }

    GatewayConnection admin(BenchNetwork.Org org) {
        return admins.get(org.name());
    }

    @Override
    public void close() {
        members.forEach(m -> m.ledger().close());
        admins.values().forEach(GatewayConnection::close);
        channels.values().forEach(GatewayConnection::shutdown);
    }
}
