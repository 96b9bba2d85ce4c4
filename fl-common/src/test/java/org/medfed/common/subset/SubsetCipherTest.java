package org.medfed.common.subset;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.medfed.common.secagg.Hkdf;
import org.medfed.common.secagg.X25519;

class SubsetCipherTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final X25519.KeyMaterial ORG1 = X25519.generate(RANDOM);
    private static final X25519.KeyMaterial ORG2 = X25519.generate(RANDOM);
    private static final X25519.KeyMaterial ORG3 = X25519.generate(RANDOM);
    private static final byte[] ROWS = SubsetRows.encode(new float[][] {{1f, 2f}, {3f, 4f}}, new int[] {0, 1}, 2);

    private static Map<String, byte[]> members() {
        // not in id order on purpose: the wrapped keys come out sorted whatever the caller's order
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("Org3MSP", ORG3.publicKey32());
        members.put("Org1MSP", ORG1.publicKey32());
        members.put("Org2MSP", ORG2.publicKey32());
        return members;
    }

    private static SubsetCipher.Sealed seal() {
        return SubsetCipher.seal(ROWS, "task-1", "ds-alice", members(), RANDOM);
    }

    @Test
    void everyMemberOpensTheRowsWithItsOwnKey() {
        SubsetCipher.Sealed sealed = seal();

        assertThat(sealed.wrappedKeys()).containsOnlyKeys("Org1MSP", "Org2MSP", "Org3MSP");
        assertThat(sealed.wrappedKeys().firstKey()).isEqualTo("Org1MSP");
        Map<String, X25519.KeyMaterial> keys = Map.of("Org1MSP", ORG1, "Org2MSP", ORG2, "Org3MSP", ORG3);
        keys.forEach((mspId, key) -> assertThat(open(sealed, "task-1", "ds-alice", mspId, key.privateScalar32()))
                .as(mspId)
                .isEqualTo(ROWS));
    }

    @Test
    void followsTheDesignsConstructionStepByStep() throws Exception {
        SubsetCipher.Sealed sealed = seal();
        byte[] ephemeral = Base64.getDecoder().decode(sealed.ephemeralPublicKey());
        String wrapInfo = "medfed-subset-wrap|task-1|ds-alice|Org2MSP";
        byte[] kek = Hkdf.derive(X25519.agree(ORG2.privateScalar32(), ephemeral), wrapInfo);
        byte[] wrapped = Base64.getDecoder().decode(sealed.wrappedKeys().get("Org2MSP"));

        assertThat(ephemeral).hasSize(32);
        assertThat(wrapped).hasSize(12 + 32 + 16);
        byte[] contentKey = gcmOpen(kek, wrapped, wrapInfo);
        assertThat(contentKey).hasSize(32);
        assertThat(sealed.blob()).hasSize(12 + ROWS.length + 16);
        assertThat(gcmOpen(contentKey, sealed.blob(), "medfed-subset-v1|task-1|ds-alice"))
                .isEqualTo(ROWS);
    }

    @Test
    void eachSealingHasItsOwnContentKeyEphemeralKeyAndNonces() {
        SubsetCipher.Sealed first = seal();
        SubsetCipher.Sealed second = seal();

        assertThat(first.blob()).isNotEqualTo(second.blob());
        assertThat(first.ephemeralPublicKey()).isNotEqualTo(second.ephemeralPublicKey());
        assertThat(first.wrappedKeys().get("Org1MSP"))
                .isNotEqualTo(second.wrappedKeys().get("Org1MSP"));
    }

    @Test
    void aMemberCannotOpenWithAnotherMembersWrappedKeyOrWithAnotherPrivateKey() {
        SubsetCipher.Sealed sealed = seal();
        String org1Wrapped = sealed.wrappedKeys().get("Org1MSP");

        assertThatThrownBy(() -> SubsetCipher.open(
                        sealed.blob(),
                        "task-1",
                        "ds-alice",
                        "Org2MSP",
                        ORG2.privateScalar32(),
                        sealed.ephemeralPublicKey(),
                        org1Wrapped))
                .isInstanceOf(SubsetException.class)
                .hasMessageContaining("the content key wrapped for Org2MSP does not authenticate");
        // Org1's wrapped key, opened under Org1's name with Org2's private key
        assertThatThrownBy(() -> SubsetCipher.open(
                        sealed.blob(),
                        "task-1",
                        "ds-alice",
                        "Org1MSP",
                        ORG2.privateScalar32(),
                        sealed.ephemeralPublicKey(),
                        org1Wrapped))
                .isInstanceOf(SubsetException.class)
                .hasMessageContaining("does not authenticate");
    }

    @Test
    void aBlobOrKeyCannotMoveToAnotherTaskOrDataset() {
        SubsetCipher.Sealed sealed = seal();

        assertThatThrownBy(() -> open(sealed, "task-2", "ds-alice", "Org1MSP", ORG1.privateScalar32()))
                .isInstanceOf(SubsetException.class)
                .hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> open(sealed, "task-1", "ds-bob", "Org1MSP", ORG1.privateScalar32()))
                .isInstanceOf(SubsetException.class)
                .hasMessageContaining("does not authenticate");
    }

    @Test
    void aTamperedBlobDoesNotOpen() {
        SubsetCipher.Sealed sealed = seal();
        for (int position : new int[] {0, 12, sealed.blob().length - 1}) {
            byte[] tampered = sealed.blob();
            tampered[position] ^= 1;
            assertThatThrownBy(() -> SubsetCipher.open(
                            tampered,
                            "task-1",
                            "ds-alice",
                            "Org1MSP",
                            ORG1.privateScalar32(),
                            sealed.ephemeralPublicKey(),
                            sealed.wrappedKeys().get("Org1MSP")))
                    .as("byte %d flipped", position)
                    .isInstanceOf(SubsetException.class)
                    .hasMessage("the subset blob of ds-alice does not authenticate: a wrong key, another task or"
                            + " dataset, or altered bytes");
        }
        byte[] truncated = Arrays.copyOf(sealed.blob(), 27);
        assertThatThrownBy(() -> SubsetCipher.open(
                        truncated,
                        "task-1",
                        "ds-alice",
                        "Org1MSP",
                        ORG1.privateScalar32(),
                        sealed.ephemeralPublicKey(),
                        sealed.wrappedKeys().get("Org1MSP")))
                .hasMessage("the subset blob of ds-alice has at least 28 bytes, got 27");
    }

    @Test
    void refusesMalformedKeysAsSubsetErrors() {
        SubsetCipher.Sealed sealed = seal();
        String wrapped = sealed.wrappedKeys().get("Org1MSP");

        assertThatThrownBy(() -> SubsetCipher.open(
                        sealed.blob(), "task-1", "ds-alice", "Org1MSP", ORG1.privateScalar32(), "not base64!", wrapped))
                .isInstanceOf(SubsetException.class)
                .hasMessage("the ephemeral public key is not base64");
        assertThatThrownBy(() -> SubsetCipher.open(
                        sealed.blob(),
                        "task-1",
                        "ds-alice",
                        "Org1MSP",
                        new byte[31],
                        sealed.ephemeralPublicKey(),
                        wrapped))
                .isInstanceOf(SubsetException.class)
                .hasMessageContaining("unusable");
    }

    @Test
    void refusesToSealForNobodyOrForASmallOrderKey() {
        Map<String, byte[]> smallOrder = new TreeMap<>(members());
        smallOrder.put("Org4MSP", new byte[32]); // u = 0 is of small order

        assertThatThrownBy(() -> SubsetCipher.seal(ROWS, "task-1", "ds-alice", Map.of(), RANDOM))
                .hasMessageContaining("at least one member");
        assertThatThrownBy(() -> SubsetCipher.seal(ROWS, "task-1", "ds-alice", smallOrder, RANDOM))
                .hasMessageContaining("member Org4MSP is not an acceptable X25519 public key");
        assertThatThrownBy(() -> SubsetCipher.seal(ROWS, "task|1", "ds-alice", members(), RANDOM))
                .hasMessageContaining("taskId");
    }

    private static byte[] open(SubsetCipher.Sealed sealed, String task, String dataset, String mspId, byte[] key) {
        return SubsetCipher.open(
                sealed.blob(),
                task,
                dataset,
                mspId,
                key,
                sealed.ephemeralPublicKey(),
                sealed.wrappedKeys().get(mspId));
    }

    /** AES-256-GCM of nonce ‖ ciphertext ‖ tag with the info string as additional data, straight from the JDK. */
    private static byte[] gcmOpen(byte[] key, byte[] sealed, String aad) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(128, Arrays.copyOf(sealed, 12)));
        cipher.updateAAD(aad.getBytes(UTF_8));
        return cipher.doFinal(sealed, 12, sealed.length - 12);
    }
}
