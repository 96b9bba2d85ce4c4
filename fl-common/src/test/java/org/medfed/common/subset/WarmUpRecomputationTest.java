package org.medfed.common.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.medfed.common.subset.SubsetSamples.ORG1;
import static org.medfed.common.subset.SubsetSamples.ORG2;
import static org.medfed.common.subset.SubsetSamples.RANDOM;
import static org.medfed.common.subset.SubsetSamples.TASK;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.common.aggregation.round.BlobSource;
import org.medfed.common.aggregation.round.RoundAggregationException;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.Samples;
import org.medfed.common.protocol.ErrorCode;

/**
 * The warm-up as every endorser recomputes it: dataset ds-alice gives 3 rows (classes 0, 0, 1), ds-bob 2 rows
 * (classes 1, 0), both sealed to Org1 and Org2; the model is the sample task's (4 inputs, 3 ReLU units, 2 classes),
 * 3 epochs at learning rate 0.5.
 */
class WarmUpRecomputationTest {
    private static final ModelSpec MODEL = SubsetSamples.model();
    private static final float[][] ALICE_X = {{0.1f, 0.2f, 0.3f, 0.4f}, {0.5f, -0.6f, 0.7f, 0.8f}, {-1f, 1f, 0f, 2f}};
    private static final int[] ALICE_Y = {0, 0, 1};
    private static final float[][] BOB_X = {{2f, 0.5f, -0.5f, 1f}, {0f, 0f, 1f, -1f}};
    private static final int[] BOB_Y = {1, 0};

    private final Node node = new Node();
    private final float[] initial = initial();
    private final ContentRef initialRef = node.put(FloatVectorCodec.encode(initial));
    private final byte[] aliceRows = SubsetRows.encode(ALICE_X, ALICE_Y, 2);
    private final byte[] bobRows = SubsetRows.encode(BOB_X, BOB_Y, 2);
    private final SubsetCipher.Sealed aliceSealed =
            SubsetCipher.seal(aliceRows, TASK, "ds-alice", SubsetSamples.members(), RANDOM);
    private final SubsetCipher.Sealed bobSealed =
            SubsetCipher.seal(bobRows, TASK, "ds-bob", SubsetSamples.members(), RANDOM);
    private final SubsetContribution alice = SubsetSamples.contribution("ds-alice", aliceSealed, aliceRows, 2);
    private final SubsetContribution bob = SubsetSamples.contribution("ds-bob", bobSealed, bobRows, 2);

    WarmUpRecomputationTest() {
        node.put(aliceSealed.blob());
        node.put(bobSealed.blob());
    }

    private static float[] initial() {
        SplittableRandom random = new SplittableRandom(15);
        float[] values = new float[Math.toIntExact(MODEL.parameterCount())];
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) (random.nextDouble() - 0.5);
        }
        return values;
    }

    private WarmUpInput input(SubsetContribution... contributions) {
        return new WarmUpInput(SubsetSamples.spec(), initialRef, List.of(contributions));
    }

    private WarmUpRecomputation.Outcome asOrg1(WarmUpInput input) {
        return new WarmUpRecomputation(node, "Org1MSP", ORG1.privateScalar32()).warmUp(input);
    }

    /** What WarmUp.train gives on these rows in this order: 3 epochs at 0.5 (the sample subset's settings). */
    private byte[] trained(float[][] x, int[] y) {
        return FloatVectorCodec.encode(WarmUp.train(MODEL, initial, x, y, 3, 0.5));
    }

    private static float[][] concat(float[][] first, float[][] second) {
        float[][] rows = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, rows, first.length, second.length);
        return rows;
    }

    private static int[] concat(int[] first, int[] second) {
        int[] labels = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, labels, first.length, second.length);
        return labels;
    }

    /** {@code c} as the ledger would record it with {@code field} replaced. */
    private static SubsetContribution altered(SubsetContribution c, String field, Object value) {
        Map<String, Object> json = new TreeMap<>(c.toJson());
        json.put(field, value);
        return SubsetContribution.fromJson(json);
    }

    @Test
    void bothMembersComputeTheSameWarmModelAsTrainingOnTheRowsInDatasetIdOrder() {
        WarmUpRecomputation.Outcome org1 = asOrg1(input(alice, bob));
        WarmUpRecomputation.Outcome org2 =
                new WarmUpRecomputation(node, "Org2MSP", ORG2.privateScalar32()).warmUp(input(alice, bob));

        assertThat(org1.blob()).isEqualTo(org2.blob());
        assertThat(org1.blob()).isEqualTo(trained(concat(ALICE_X, BOB_X), concat(ALICE_Y, BOB_Y)));
        assertThat(org1.blob()).isNotEqualTo(FloatVectorCodec.encode(initial));
        assertThat(org1.sha256()).isEqualTo(Hashing.sha256Hex(org1.blob()));
        assertThat(org1.model()).containsExactly(FloatVectorCodec.decode(org1.blob(), org1.model().length));
        assertThat(org1.used()).containsExactly("ds-alice", "ds-bob");
        assertThat(org1.excluded()).isEmpty();
        assertThat(org1.classCounts()).containsExactly(3L, 2L); // alice 0, 0, 1 and bob 1, 0
    }

    @Test
    void recomputingTwiceGivesTheSameBytes() {
        WarmUpRecomputation recomputation = new WarmUpRecomputation(node, "Org1MSP", ORG1.privateScalar32());

        WarmUpRecomputation.Outcome first = recomputation.warmUp(input(alice, bob));
        WarmUpRecomputation.Outcome second = recomputation.warmUp(input(alice, bob));

        assertThat(first.blob()).isEqualTo(second.blob());
        assertThat(first.sha256()).isEqualTo(second.sha256());
        assertThat(first.request(TASK, Samples.ref("warm"))).isEqualTo(second.request(TASK, Samples.ref("warm")));
    }

    @Test
    void aBlobServedWithOtherBytesIsExcludedAndTheOtherRowsAreUsed() {
        byte[] tampered = aliceSealed.blob();
        tampered[20] ^= 1;
        node.blobs.put(alice.cid(), tampered);

        WarmUpRecomputation.Outcome outcome = asOrg1(input(alice, bob));

        assertThat(outcome.used()).containsExactly("ds-bob");
        assertThat(outcome.excluded()).singleElement().satisfies(e -> {
            assertThat(e.datasetId()).isEqualTo("ds-alice");
            assertThat(e.detail()).startsWith("the sealed blob hashes to " + Hashing.sha256Hex(tampered));
        });
        assertThat(outcome.blob()).isEqualTo(trained(BOB_X, BOB_Y));
        assertThat(outcome.classCounts()).containsExactly(1L, 1L);
    }

    @Test
    void aPublishedBlobThatDoesNotAuthenticateIsExcluded() {
        byte[] tampered = aliceSealed.blob();
        tampered[tampered.length - 1] ^= 1; // the tag: the ledger names these bytes, but they do not open
        String cid = node.put(tampered).cid();
        SubsetContribution forged = altered(altered(alice, "sha256", Hashing.sha256Hex(tampered)), "cid", cid);

        WarmUpRecomputation.Outcome outcome = asOrg1(input(forged, bob));

        assertThat(outcome.used()).containsExactly("ds-bob");
        assertThat(outcome.excluded())
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("the sealed rows do not open with Org1MSP's key"));
        assertThat(outcome.blob()).isEqualTo(trained(BOB_X, BOB_Y));
    }

    @Test
    void rowsThatDoNotHashToTheRecordedRowsSha256AreExcluded() {
        SubsetContribution wrongRows = altered(bob, "rowsSha256", Samples.sha("other rows"));

        WarmUpRecomputation.Outcome outcome = asOrg1(input(alice, wrongRows));

        assertThat(outcome.used()).containsExactly("ds-alice");
        assertThat(outcome.excluded()).singleElement().satisfies(e -> {
            assertThat(e.datasetId()).isEqualTo("ds-bob");
            assertThat(e.detail()).startsWith("the rows hash to " + Hashing.sha256Hex(bobRows));
        });
        assertThat(outcome.blob()).isEqualTo(trained(ALICE_X, ALICE_Y));
        assertThat(outcome.classCounts()).containsExactly(2L, 1L);
    }

    @Test
    void rowsWhoseClassesDifferFromTheRecordedCountsAreExcluded() {
        SubsetContribution wrongCounts = altered(alice, "classCounts", List.of(1L, 2L));

        WarmUpRecomputation.Outcome outcome = asOrg1(input(wrongCounts, bob));

        assertThat(outcome.used()).containsExactly("ds-bob");
        assertThat(outcome.excluded())
                .singleElement()
                .satisfies(e -> assertThat(e.detail())
                        .isEqualTo("the rows hold [2, 1] rows per class, the ledger recorded [1, 2]"));
        assertThat(outcome.blob()).isEqualTo(trained(BOB_X, BOB_Y));
    }

    @Test
    void rowsOfAnotherShapeThanTheModelAreExcluded() {
        byte[] wide = SubsetRows.encode(new float[][] {{1, 2, 3}, {4, 5, 6}}, new int[] {0, 1}, 2);
        SubsetCipher.Sealed sealed = SubsetCipher.seal(wide, TASK, "ds-bob", SubsetSamples.members(), RANDOM);
        node.put(sealed.blob());
        SubsetContribution threeFeatures = SubsetSamples.contribution("ds-bob", sealed, wide, 2);

        WarmUpRecomputation.Outcome outcome = asOrg1(input(alice, threeFeatures));

        assertThat(outcome.used()).containsExactly("ds-alice");
        assertThat(outcome.excluded())
                .singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("the rows do not decode for this model"));
    }

    @Test
    void withNoUsableRowsTheWarmModelIsTheInitialModel() {
        SubsetContribution wrongAlice = altered(alice, "rowsSha256", Samples.sha("a"));
        SubsetContribution wrongBob = altered(bob, "rowsSha256", Samples.sha("b"));

        WarmUpRecomputation.Outcome outcome = asOrg1(input(wrongAlice, wrongBob));

        assertThat(outcome.used()).isEmpty();
        assertThat(outcome.excluded()).extracting(SubsetExclusion::datasetId).containsExactly("ds-alice", "ds-bob");
        assertThat(outcome.blob()).isEqualTo(FloatVectorCodec.encode(initial));
        assertThat(outcome.sha256()).isEqualTo(initialRef.sha256());
        assertThat(outcome.classCounts()).containsExactly(0L, 0L);
    }

    @Test
    void anOrganisationWithoutAMemberKeyFailsTheWholeWarmUp() {
        RoundAggregationException e =
                failure(() -> new WarmUpRecomputation(node, "Org1MSP", null).warmUp(input(alice, bob)));

        assertThat(e.code()).isEqualTo(ErrorCode.SUBSET_KEY_UNAVAILABLE);
        assertThat(e).hasMessageContaining("no subset member key");
    }

    @Test
    void aKeyFileThatIsNotTheRegisteredKeyFailsTheWholeWarmUpRatherThanExcludingEveryContribution() {
        WarmUpInput registered = new WarmUpInput(
                SubsetSamples.spec(),
                initialRef,
                List.of(alice, bob),
                new java.util.TreeMap<>(java.util.Map.of(
                        "Org1MSP", MemberKeys.publicKeyBase64(ORG1.privateScalar32()),
                        "Org2MSP", MemberKeys.publicKeyBase64(ORG2.privateScalar32()))));

        RoundAggregationException e =
                failure(() -> new WarmUpRecomputation(node, "Org1MSP", ORG2.privateScalar32()).warmUp(registered));

        assertThat(e.code()).isEqualTo(ErrorCode.SUBSET_KEY_UNAVAILABLE);
        assertThat(e).hasMessageContaining("is not the one Org1MSP registered");
        assertThat(asOrg1(registered).used()).containsExactly("ds-alice", "ds-bob");
    }

    @Test
    void aContributionNotSealedForThisOrganisationFailsTheWholeWarmUp() {
        RoundAggregationException e = failure(
                () -> new WarmUpRecomputation(node, "Org3MSP", ORG1.privateScalar32()).warmUp(input(alice, bob)));

        assertThat(e.code()).isEqualTo(ErrorCode.SUBSET_KEY_UNAVAILABLE);
        assertThat(e).hasMessageContaining("dataset ds-alice are not sealed for this organisation (Org3MSP)");
    }

    @Test
    void aBlobTheNodeCannotServeFailsTheWholeWarmUp() {
        node.blobs.remove(bob.cid());

        RoundAggregationException e = failure(() -> asOrg1(input(alice, bob)));

        assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UNAVAILABLE);
        assertThat(e).hasMessageContaining("shared rows of dataset ds-bob");
    }

    @Test
    void anInitialModelTheNodeCannotServeOrThatHashesOtherwiseFails() {
        node.blobs.remove(initialRef.cid());
        assertThat(failure(() -> asOrg1(input(alice, bob))).code()).isEqualTo(ErrorCode.BLOB_UNAVAILABLE);

        node.blobs.put(initialRef.cid(), FloatVectorCodec.encode(new float[initial.length]));
        assertThat(failure(() -> asOrg1(input(alice, bob))).code()).isEqualTo(ErrorCode.AGGREGATION_FAILED);
    }

    private static RoundAggregationException failure(Runnable warmUp) {
        try {
            warmUp.run();
        } catch (RoundAggregationException e) {
            return e;
        }
        return fail("the warm-up did not fail");
    }

    /** An IPFS node in memory: a CID it does not hold fails like an unreachable node. */
    private static final class Node implements BlobSource {
        final Map<String, byte[]> blobs = new TreeMap<>();

        ContentRef put(byte[] data) {
            blobs.put(Cids.rawLeafCidV1(data), data.clone());
            return SubsetSamples.ref(data);
        }

        @Override
        public InputStream open(String cid, long maxBytes) throws IOException {
            byte[] data = blobs.get(cid);
            if (data == null) {
                throw new IOException("block not found: " + cid);
            }
            return new ByteArrayInputStream(data, 0, (int) Math.min(data.length, maxBytes));
        }
    }
}
