package org.medfed.client.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.Participant;
import org.medfed.common.model.ParticipantIds;
import org.medfed.common.model.Role;

class LedgerFacadesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final String ADMIN = ParticipantIds.of("HospitalMSP", "CN=admin,OU=admin,O=Hospital");

    /** Answers every call with {@code answer(call number)} and records "intent tx args". */
    private static final class Fake implements LedgerClient {
        final List<String> calls = new ArrayList<>();
        final Function<Integer, byte[]> answer;

        Fake(Function<Integer, byte[]> answer) {
            this.answer = answer;
        }

        @Override
        public byte[] evaluate(String transaction, String... args) {
            calls.add("evaluate " + transaction + " " + List.of(args));
            return answer.apply(calls.size() - 1);
        }

        @Override
        public byte[] submit(String transaction, String... args) {
            calls.add("submit " + transaction + " " + List.of(args));
            return answer.apply(calls.size() - 1);
        }

        @Override
        public void close() {}
    }

    @Test
    void registerParticipantSubmitsFourArgumentsAndDecodesTheRecord() throws MedfedException {
        Participant p = Participant.register("ClinicMSP", "CN=u,OU=client,O=Clinic", Role.CLINIC, "u", T0, ADMIN);
        Fake fake = new Fake(i -> bytes(CanonicalJson.encode(p.toJson())));

        Reply<Participant> reply =
                new ParticipantLedger(fake).register("ClinicMSP", "CN=u, OU=client, O=Clinic", Role.CLINIC, "u");

        assertThat(fake.calls)
                .containsExactly(
                        "submit participant:registerParticipant [ClinicMSP, CN=u, OU=client, O=Clinic, clinic, u]");
        assertThat(reply.value()).isEqualTo(p);
        assertThat(reply.json()).isEqualTo(CanonicalJson.encode(p.toJson()));
    }

    @Test
    void datasetRegistrationIsOneCanonicalJsonArgument() throws MedfedException {
        DatasetDescription d =
                new DatasetDescription("icu", ADMIN, "a".repeat(64), 10, "b".repeat(64), "p", "c", "l", T0);
        Fake fake = new Fake(i -> bytes(CanonicalJson.encode(d.toJson())));

        new DatasetLedger(fake)
                .register(new DatasetRegistration("icu", "a".repeat(64), 10, "b".repeat(64), "p", "c", "l"));

        assertThat(fake.calls)
                .containsExactly("submit dataset:registerDataset [{\"consentBasis\":\"c\","
                        + "\"contentSha256\":\"" + "b".repeat(64)
                        + "\",\"id\":\"icu\",\"licence\":\"l\",\"purpose\":\"p\","
                        + "\"rowCount\":10,\"schemaSha256\":\"" + "a".repeat(64) + "\"}]");
    }

    @Test
    void listAllStopsWhenTheLedgerRepeatsABookmark() {
        Fake fake = new Fake(i -> bytes("{\"items\":[],\"bookmark\":\"same\",\"count\":0}"));

        assertThatThrownBy(() -> new TaskLedger(fake).listAll(10))
                .isInstanceOf(MedfedException.class)
                .hasMessageContaining("the same bookmark came back twice")
                .extracting(e -> ((MedfedException) e).code())
                .isEqualTo(MedfedException.INTERNAL);
        assertThat(fake.calls).containsExactly("evaluate task:listTasks [10, ]", "evaluate task:listTasks [10, same]");
    }

    @Test
    void anAnswerThatIsNotUtf8OrNotTheRecordIsAClientSideInternalError() {
        Fake garbage = new Fake(i -> new byte[] {(byte) 0xff});
        assertThatThrownBy(() -> new RoundLedger(garbage).get("t", 1))
                .isInstanceOf(MedfedException.class)
                .hasMessageContaining("cannot read the answer to round:getRound (not UTF-8)");

        Fake wrong = new Fake(i -> bytes("{\"round\":{}}"));
        assertThatThrownBy(() -> new RoundLedger(wrong).get("t", 1))
                .hasMessageContaining("cannot read the answer to round:getRound (missing field")
                .satisfies(
                        e -> assertThat(((MedfedException) e).isFromChaincode()).isFalse());
    }

    @Test
    void pageSizesOutsideTheChaincodesRangeAreABug() {
        Fake fake = new Fake(i -> bytes("{}"));
        assertThatThrownBy(() -> new DatasetLedger(fake).list(0, "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(fake.calls).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
