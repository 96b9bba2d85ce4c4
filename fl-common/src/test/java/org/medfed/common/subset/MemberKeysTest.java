package org.medfed.common.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.common.secagg.X25519;

class MemberKeysTest {
    @TempDir
    Path dir;

    private final X25519.KeyMaterial key = MemberKeys.generate(new SecureRandom());

    @Test
    void writesAnOwnerOnlyFileThatReadsBackTheSameKey() throws IOException {
        Path file = dir.resolve("keys/subset.key");
        MemberKeys.write(file, key.privateScalar32());

        assertThat(MemberKeys.read(file)).isEqualTo(key.privateScalar32());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).isEqualTo(Base64.getEncoder().encodeToString(key.privateScalar32()));
    }

    @Test
    void thePublicKeyIsTheBase64OfTheX25519PublicKey() {
        assertThat(Base64.getDecoder().decode(MemberKeys.publicKeyBase64(key.privateScalar32())))
                .isEqualTo(key.publicKey32());
        assertThatThrownBy(() -> MemberKeys.publicKeyBase64(new byte[16]))
                .isInstanceOf(SubsetException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void neverReplacesAKeyFile() throws IOException {
        Path file = dir.resolve("subset.key");
        MemberKeys.write(file, key.privateScalar32());
        byte[] other = MemberKeys.generate(new SecureRandom()).privateScalar32();

        assertThatThrownBy(() -> MemberKeys.write(file, other)).hasMessageContaining("never replaced");
        assertThat(MemberKeys.read(file)).isEqualTo(key.privateScalar32());
    }

    @Test
    void refusesAKeyFileOthersMayRead() throws IOException {
        Path file = dir.resolve("subset.key");
        MemberKeys.write(file, key.privateScalar32());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> MemberKeys.read(file)).hasMessageContaining("chmod 600");
    }

    @Test
    void refusesAMissingOrMalformedKeyFile() throws IOException {
        Path file = dir.resolve("subset.key");
        assertThatThrownBy(() -> MemberKeys.read(file)).hasMessageContaining("no subset key");

        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[31]));
        assertThatThrownBy(() -> MemberKeys.read(file)).hasMessageContaining("31 bytes, not 32");
        Files.writeString(file, "not base64!");
        assertThatThrownBy(() -> MemberKeys.read(file)).hasMessageContaining("not one line of base64");
    }
}
