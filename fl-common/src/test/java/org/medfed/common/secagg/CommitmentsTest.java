package org.medfed.common.secagg;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.Hashing;

class CommitmentsTest {
    private static final RoundContext CONTEXT = new RoundContext("task-1", 3, 2);
    private static final String OWNER = RoundFixture.id(0);
    private static final String HOLDER = RoundFixture.id(1);

    @Test
    void hashesTheSpelledOutPrefixThenTheShareBytes() {
        byte[] share = new byte[66];
        share[65] = 7;
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(("medfed-secagg-share|task-1|3|2|" + OWNER + "|" + HOLDER + "|seed|").getBytes(UTF_8));
        expected.writeBytes(share);

        assertThat(Commitments.commit(CONTEXT, OWNER, HOLDER, ShareKind.SEED, share))
                .isEqualTo(Hashing.sha256Hex(expected.toByteArray()));
    }

    @Test
    void bindsKindHolderAndAttempt() {
        byte[] share = new byte[66];
        String seed = Commitments.commit(CONTEXT, OWNER, HOLDER, ShareKind.SEED, share);

        assertThat(Commitments.commit(CONTEXT, OWNER, HOLDER, ShareKind.KEY, share))
                .isNotEqualTo(seed);
        assertThat(Commitments.commit(CONTEXT, HOLDER, OWNER, ShareKind.SEED, share))
                .isNotEqualTo(seed);
        assertThat(Commitments.commit(new RoundContext("task-1", 3, 3), OWNER, HOLDER, ShareKind.SEED, share))
                .isNotEqualTo(seed);
    }

    @Test
    void readsShareKindsByTheirWireNames() {
        assertThat(ShareKind.fromWire("seed")).isEqualTo(ShareKind.SEED);
        assertThat(ShareKind.fromWire("key")).isEqualTo(ShareKind.KEY);
        assertThat(new RoundContext("t", 1, 1).ctx()).isEqualTo("t|1|1");
    }
}
