package org.medfed.common.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {

    @TempDir
    Path dir;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void createsEveryMissingFolderForItsOwnerOnly() throws Exception {
        Path deep = dir.resolve("a/b/c");

        assertThat(OwnerOnly.folder(deep)).isEqualTo(deep);

        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(mode(deep)).isEqualTo("rwx------");
    }

    @Test
    void closesAnExistingFolderThatOthersCouldRead() throws Exception {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(OwnerOnly.isOwnerOnly(open)).isFalse();

        OwnerOnly.folder(open);

        assertThat(mode(open)).isEqualTo("rwx------");
        assertThat(OwnerOnly.isOwnerOnly(open)).isTrue();
    }

    @Test
    void writesANewFileForItsOwnerOnly() throws Exception {
        Path key = dir.resolve("key.pem");

        OwnerOnly.writeString(key, "secret\n");

        assertThat(mode(key)).isEqualTo("rw-------");
        assertThat(Files.readString(key)).isEqualTo("secret\n");
    }

    @Test
    void closesAnExistingFileBeforeReplacingItsContent() throws Exception {
        Path profile = dir.resolve("profile.properties");
        Files.writeString(profile, "a much longer old content that must not remain\n");
        Files.setPosixFilePermissions(profile, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnly.write(profile, "new\n".getBytes(StandardCharsets.UTF_8));

        assertThat(mode(profile)).isEqualTo("rw-------");
        assertThat(Files.readString(profile)).isEqualTo("new\n");
    }
}
