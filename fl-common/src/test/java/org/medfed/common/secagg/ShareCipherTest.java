package org.medfed.common.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ShareCipherTest {
    private static final RoundContext CONTEXT = new RoundContext("task-1", 3, 2);
    private static final String I = RoundFixture.id(0);
    private static final String J = RoundFixture.id(1);
    private static final X25519.KeyMaterial SENDER = X25519.generate(new SecureRandom());
    private static final X25519.KeyMaterial RECEIVER = X25519.generate(new SecureRandom());
    private static final byte[] PLAINTEXT = new byte[132];

    static {
        PLAINTEXT[0] = 42;
    }

    @Test
    void theReceiverDecryptsWhatTheSenderEncrypted() {
        String posted = encrypt(CONTEXT, I, J);

        assertThat(ShareCipher.decrypt(RECEIVER.privateScalar32(), SENDER.publicKey32(), CONTEXT, I, J, posted))
                .isEqualTo(PLAINTEXT);
    }

    @Test
    void postsTheNonceThenCiphertextThenTag() {
        byte[] nonce = new byte[12];
        nonce[0] = 9;
        String posted =
                ShareCipher.encrypt(SENDER.privateScalar32(), RECEIVER.publicKey32(), CONTEXT, I, J, PLAINTEXT, nonce);

        byte[] raw = Base64.getDecoder().decode(posted);
        assertThat(raw).hasSize(12 + 132 + 16).startsWith(nonce);
    }

    @Test
    void refusesACiphertextMovedToAnotherAttemptOrPair() {
        String posted = encrypt(CONTEXT, I, J);

        assertRefused(new RoundContext("task-1", 3, 3), I, J, posted);
        assertRefused(CONTEXT, J, I, posted);
    }

    @Test
    void refusesATamperedOrMalformedCiphertext() {
        byte[] raw = Base64.getDecoder().decode(encrypt(CONTEXT, I, J));
        raw[20] ^= 1;

        assertRefused(CONTEXT, I, J, Base64.getEncoder().encodeToString(raw));
        assertRefused(CONTEXT, I, J, "not base64!");
        assertRefused(CONTEXT, I, J, Base64.getEncoder().encodeToString(new byte[27]));
    }

    @Test
    void refusesTheWrongReceiverKey() {
        String posted = encrypt(CONTEXT, I, J);

        assertThatThrownBy(() ->
                        ShareCipher.decrypt(SENDER.privateScalar32(), SENDER.publicKey32(), CONTEXT, I, J, posted))
                .isInstanceOf(SecAggException.class);
    }

    private static String encrypt(RoundContext c, String from, String to) {
        return ShareCipher.encrypt(
                SENDER.privateScalar32(), RECEIVER.publicKey32(), c, from, to, PLAINTEXT, new SecureRandom());
    }

    private static void assertRefused(RoundContext c, String from, String to, String posted) {
        assertThatThrownBy(() ->
                        ShareCipher.decrypt(RECEIVER.privateScalar32(), SENDER.publicKey32(), c, from, to, posted))
                .isInstanceOf(SecAggException.class);
    }
}
