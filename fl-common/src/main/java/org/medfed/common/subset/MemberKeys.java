package org.medfed.common.subset;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.medfed.common.files.OwnerOnly;
import org.medfed.common.secagg.SecAggException;
import org.medfed.common.secagg.X25519;

/**
 * A consortium member's X25519 key for shared subsets: the public key goes on the ledger (base64), the private key
 * stays in a file of one base64 line readable by its owner only. Whoever holds it reads every subset sealed for the
 * member, so a file others may read is refused, and an existing file is never replaced (the subsets sealed for its
 * public key would become unreadable).
 */
public final class MemberKeys {

    private MemberKeys() {}

    public static X25519.KeyMaterial generate(SecureRandom random) {
        return X25519.generate(random);
    }

    /** Base64 of the 32-byte public key of {@code privateKey}. */
    public static String publicKeyBase64(byte[] privateKey) {
        try {
            return Base64.getEncoder().encodeToString(X25519.publicKey(privateKey));
        } catch (SecAggException e) {
            throw new SubsetException("not an X25519 private key: " + e.getMessage(), e);
        }
    }

    /** Creates {@code file} (owner read and write only, on POSIX file systems) holding the private key. */
    public static void write(Path file, byte[] privateKey) throws IOException {
        publicKeyBase64(privateKey); // refuses a key of the wrong length before any file exists
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try {
            if (OwnerOnly.posix(parent)) {
                Files.createFile(file, OwnerOnly.fileAttribute());
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " already exists; a subset key is never replaced, since the subsets sealed"
                    + " for its public key can only be opened with it");
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(privateKey) + "\n", US_ASCII);
    }

    /** The private key in {@code file}; refuses a file that anybody but its owner may read or write. */
    public static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no subset key at " + file.toAbsolutePath().normalize());
        }
        if (OwnerOnly.posix(file)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OwnerOnly.FILE.containsAll(permissions)) {
                throw new IOException("the subset key " + file + " is readable or writable by others ("
                        + PosixFilePermissions.toString(permissions) + "); allow its owner only: chmod 600 " + file);
            }
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file, US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("the subset key " + file + " is not one line of base64", e);
        }
        if (key.length != X25519.KEY_BYTES) {
            throw new IOException("the subset key " + file + " has " + key.length + " bytes, not " + X25519.KEY_BYTES);
        }
        return key;
    }
}
