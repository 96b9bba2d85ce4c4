package org.medfed.client.access;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.medfed.common.files.OwnerOnly;

/**
 * The pseudonym under which the ledger knows a patient: HMAC-SHA256 of the patient id under the hospital's own key,
 * lower-case hex. Without the key nobody can tell which patient a reference names, nor test a guessed id; the key
 * never leaves the data holder (it is never printed, logged or sent). The key file holds 32 random bytes as hex and
 * is created readable by its owner only; a key file others can read is refused.
 */
public final class PatientRefs {

    static final String ALGORITHM = "HmacSHA256";
    private static final int KEY_BYTES = 32;

    private final SecretKeySpec key;

    private PatientRefs(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** Creates a new key file (never overwrites one: every reference on the ledger depends on it). */
    public static PatientRefs create(Path keyFile) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path parent = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try {
            if (OwnerOnly.posix(parent)) {
                Files.createFile(keyFile, OwnerOnly.fileAttribute());
            } else {
                Files.createFile(keyFile);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException(keyFile + " already exists; a patient key is never replaced, since every patient "
                    + "reference on the ledger was made with it");
        }
        Files.writeString(keyFile, HexFormat.of().formatHex(key) + "\n", UTF_8);
        return new PatientRefs(key);
    }

    /**
     * References under a key that lives only in memory, for simulations: a real hospital keeps its key in the file
     * {@link #create} makes.
     */
    public static PatientRefs inMemory(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a patient key has " + KEY_BYTES + " bytes, got " + key.length);
        }
        return new PatientRefs(key.clone());
    }

    /** Reads a key file made by {@link #create}; refuses one that anybody but its owner may read or write. */
    public static PatientRefs load(Path keyFile) throws IOException {
        if (!Files.isRegularFile(keyFile)) {
            throw new IOException("no patient key at "
                    + keyFile.toAbsolutePath().normalize() + " (create one with `medfed records key FILE`)");
        }
        if (OwnerOnly.posix(keyFile)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (!OwnerOnly.FILE.containsAll(permissions)) {
                throw new IOException("the patient key " + keyFile + " is readable or writable by others ("
                        + PosixFilePermissions.toString(permissions) + "); allow its owner only: chmod 600 "
                        + keyFile);
            }
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(Files.readString(keyFile, UTF_8).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(keyFile + " is not a patient key (" + KEY_BYTES * 2 + " hex digits)");
        }
        if (key.length != KEY_BYTES) {
            throw new IOException(keyFile + " is not a patient key (" + KEY_BYTES * 2 + " hex digits)");
        }
        return new PatientRefs(key);
    }

    /** The patient's reference: 64 lower-case hex digits. */
    public String of(String patientId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(patientId.getBytes(UTF_8)));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("a 32-byte HMAC key is always valid", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides " + ALGORITHM, e);
        }
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "PatientRefs[" + ALGORITHM + ", key hidden]";
    }
}
