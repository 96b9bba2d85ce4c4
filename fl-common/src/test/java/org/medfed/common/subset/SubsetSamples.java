package org.medfed.common.subset;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.Samples;
import org.medfed.common.model.SharedSubsetSpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.WarmUpSpec;
import org.medfed.common.secagg.X25519;

/** Shared-subset records for fl-common tests: the sample task ({@link Samples#spec()}) made two-stage. */
final class SubsetSamples {
    static final String TASK = "sepsis";
    static final String CONSENT = "broad consent to research use, rows shared within the consortium";
    static final SecureRandom RANDOM = new SecureRandom();
    static final X25519.KeyMaterial ORG1 = X25519.generate(RANDOM);
    static final X25519.KeyMaterial ORG2 = X25519.generate(RANDOM);

    private SubsetSamples() {}

    /** Contributors ds-alice and ds-bob, 4 rows per class, a warm-up of 3 epochs at 0.5. */
    static SharedSubsetSpec subset() {
        return new SharedSubsetSpec(
                List.of("ds-alice", "ds-bob"),
                4,
                new BigDecimal("0.05"),
                new BigDecimal("0.5"),
                CONSENT,
                new WarmUpSpec(3, new BigDecimal("0.5")));
    }

    /** {@link Samples#spec()} (4 inputs, 3 hidden, 2 classes: 23 parameters) with {@link #subset()}. */
    static TaskSpec spec() {
        return Samples.spec().withSharedSubset(subset());
    }

    static ModelSpec model() {
        return spec().model();
    }

    static Map<String, byte[]> members() {
        Map<String, byte[]> members = new TreeMap<>();
        members.put("Org1MSP", ORG1.publicKey32());
        members.put("Org2MSP", ORG2.publicKey32());
        return members;
    }

    /** {@code rows} of dataset {@code datasetId} sealed to both members; the blob's CID is its raw-leaf CID. */
    static SubsetContribution contribution(String datasetId, SubsetCipher.Sealed sealed, byte[] rows, int classes) {
        SubsetRows decoded = SubsetRows.decode(rows, rowsFeatures(rows), classes);
        List<Long> counts = Arrays.stream(decoded.classCounts()).boxed().toList();
        return new SubsetContribution(
                TASK,
                datasetId,
                Cids.rawLeafCidV1(sealed.blob()),
                Hashing.sha256Hex(sealed.blob()),
                Hashing.sha256Hex(rows),
                counts,
                CONSENT,
                sealed.ephemeralPublicKey(),
                sealed.wrappedKeys());
    }

    /** A valid contribution whose blob is not real: for JSON and refusal tests. */
    static SubsetContribution contribution(String datasetId) {
        byte[] rows = SubsetRows.encode(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}, new int[] {0, 1}, 2);
        SubsetCipher.Sealed sealed = SubsetCipher.seal(rows, TASK, datasetId, members(), RANDOM);
        return contribution(datasetId, sealed, rows, 2);
    }

    static ContentRef ref(byte[] blob) {
        return new ContentRef(Cids.rawLeafCidV1(blob), Hashing.sha256Hex(blob));
    }

    /** {@code record} through canonical JSON text and back. */
    static <T> T roundTrip(JsonRecord record, Function<Map<String, Object>, T> decode) {
        return decode.apply(JsonFields.object(CanonicalJson.parse(CanonicalJson.encode(record.toJson()))));
    }

    private static int rowsFeatures(byte[] rows) {
        return ByteBuffer.wrap(rows, 5, 4).getInt();
    }
}
