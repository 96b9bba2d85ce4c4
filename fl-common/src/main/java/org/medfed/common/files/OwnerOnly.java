package org.medfed.common.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders that only their owner may read or write: private keys, connection profiles (which name the
 * private keys), client node configurations, journals of secrets. On a POSIX file system files are 0600 and folders
 * 0700 from the moment they exist (never world-readable for an instant); on others the platform's defaults apply.
 */
public final class OwnerOnly {

    /** rw------- */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** rwx------ */
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {}

    /** Whether {@code path}'s file system has POSIX permissions (the path need not exist). */
    public static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** {@link #FILE} as an attribute for Files.createFile and friends. */
    public static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    /**
     * Creates {@code dir} and its missing parents, each one it creates 0700, and makes {@code dir} itself 0700 if it
     * existed with another mode.
     *
     * @return {@code dir}
     */
    public static Path folder(Path dir) throws IOException {
        if (!posix(dir)) {
            return Files.createDirectories(dir);
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        Files.setPosixFilePermissions(dir, FOLDER);
        return dir;
    }

    /**
     * Writes {@code text} (UTF-8) to {@code file}, creating it 0600 or making an existing file 0600 before a byte of
     * the new text is in it; its folder must exist.
     */
    public static void writeString(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #writeString} for bytes. */
    public static void write(Path file, byte[] bytes) throws IOException {
        if (posix(file)) {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, FILE);
            } else {
                Files.createFile(file, fileAttribute());
            }
        }
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Whether nobody but its owner may read, write or enter {@code path} (always true without POSIX permissions). */
    public static boolean isOwnerOnly(Path path) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) == null) {
            return true;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        return FOLDER.containsAll(permissions);
    }
}
