package org.medfed.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.common.budget.PrivacyAccounting;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.budget.RdpEpsilonAccountant;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Role;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.reputation.ReputationScore;
import org.medfed.common.round.Admission;
import org.medfed.common.round.RoundState;

class BenchTaskTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    @ParameterizedTest
    @ValueSource(ints = {10, 11, 10_000, 10_001, 1_000_000, 1 << 20})
    void theModelHasExactlyPParameters(int p) {
        assertThat(BenchTask.model(p, initial(p)).parameterCount()).isEqualTo(p);
    }

    @ParameterizedTest
    @ValueSource(ints = {9, (1 << 20) + 1})
    void pOutsideTheSupportedRangeIsRefused(int p) {
        assertThatThrownBy(() -> BenchTask.model(p, initial(10))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void updatesAreSeededDistinctAndOfTheModelsSize() {
        float[] direction = BenchTask.roundDirection(42, "t", 1, 1000);
        byte[] a = BenchTask.update(42, "t", 1, 0, direction);

        assertThat(a).hasSize(4000).isEqualTo(BenchTask.update(42, "t", 1, 0, direction));
        assertThat(a).isNotEqualTo(BenchTask.update(42, "t", 1, 1, direction));
        assertThat(a).isNotEqualTo(BenchTask.update(42, "other", 1, 0, BenchTask.roundDirection(42, "other", 1, 1000)));
        float[] values = FloatVectorCodec.decode(a, 1000);
        for (int j = 0; j < values.length; j++) {
            assertThat(Math.abs(values[j] - direction[j])).isLessThanOrEqualTo(0.005f);
        }
        assertThat(BenchTask.initialModel(42, "t", 1000)).isNotEqualTo(BenchTask.initialModel(42, "u", 1000));
    }

    @Test
    void everyParticipantsSubmissionIsAdmittedAndChargedUnderTheLightDpPolicy() {
        List<Participant> participants = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> datasets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Participant p = Participant.register(
                    "HospitalMSP",
                    "CN=bench-hospital-00" + i + ",OU=client",
                    Role.HOSPITAL,
                    "bench",
                    T0,
                    hash("admin"));
            participants.add(p);
            ids.add(p.id());
            datasets.add("bench-hospital-00" + i);
        }
        ContentRef initial = initial(10_000);
        TaskSpec spec = BenchTask.spec("bench-t", 10_000, initial, 3, 86_400, true, ids, datasets);
        assertThat(spec.quorum()).isEqualTo(5);
        assertThat(spec.eligibleParticipants()).hasSize(5);
        assertThat(spec.strategy().name()).isEqualTo("fedavg");
        assertThat(spec.securelyAggregated()).isFalse();
        assertThat(spec.differentiallyPrivate()).isTrue();

        Task task = Task.create(spec, T0, hash("admin"));
        RoundState round = RoundState.open(spec.id(), 1, initial, T0, 86_400);
        for (int i = 0; i < 5; i++) {
            Participant p = participants.get(i);
            byte[] blob = BenchTask.update(42, spec.id(), 1, i, BenchTask.roundDirection(42, spec.id(), 1, 10_000));
            UpdateSubmission update = BenchTask.submission(spec, 1, datasets.get(i), ref(blob), initial.sha256());
            DatasetDescription dataset = dataset(datasets.get(i), p.id());

            assertThatNoException()
                    .isThrownBy(() -> Admission.admit(
                            task,
                            round,
                            p,
                            ReputationScore.initial(spec.id(), p.id(), spec.reputation()),
                            dataset,
                            false,
                            update,
                            T0.plusSeconds(1)));
            Optional<PrivacyBudget> charged = new PrivacyAccounting(new RdpEpsilonAccountant())
                    .chargeUpdate(spec, p.id(), Optional::empty, 1, update.dp(), T0.plusSeconds(1));
            assertThat(charged).isPresent();
            assertThat(charged.get().epsilon().doubleValue()).isBetween(1.0, 3.0);
        }
    }

    @Test
    void withoutDpTheTaskHasNoPolicyAndUpdatesDeclareNoNoise() {
        TaskSpec spec = BenchTask.spec("bench-t", 10, initial(10), 1, 86_400, false, List.of(hash("p")), List.of("d"));

        assertThat(spec.dpPolicy()).isEmpty();
        assertThat(BenchTask.submission(spec, 1, "d", initial(10), hash("base"))
                        .dp()
                        .noiseMultiplier()
                        .signum())
                .isZero();
    }

    private static DatasetDescription dataset(String id, String owner) {
        return BenchParticipants.dataset(new BenchParticipants.Member(0, id, null, null, owner, id, null))
                .describe(owner, T0);
    }

    private static ContentRef initial(int p) {
        return ref(new byte[4 * p]);
    }

    private static ContentRef ref(byte[] blob) {
        return new ContentRef(Cids.rawLeafCidV1(blob), Hashing.sha256Hex(blob));
    }

    private static String hash(String text) {
        return Hashing.sha256Hex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
