package org.medfed.client.participation;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.files.OwnerOnly;

/**
 * Where a node keeps its secure-aggregation secrets across restarts: {@code secagg/TASK.json} in its work directory,
 * the latest attempt of each task, readable by the node's user only (directory 0700, file 0600, created so before a
 * byte is written) and replaced atomically like {@link ParticipationJournal}. An older attempt's secrets are of no
 * further use (an aborted attempt is never unmasked), so they are overwritten. Nothing here is ever logged or copied
 * to the audit trail, which records only what was published.
 */
public final class SecureJournal {
    static final String DIRECTORY = "secagg";

    private final Path directory;

    private SecureJournal(Path directory) {
        this.directory = directory;
    }

    /** Opens (or starts) the journal under the node's work directory. */
    public static SecureJournal open(Path workDirectory) throws IOException {
        Path directory = workDirectory.resolve(DIRECTORY);
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(workDirectory);
            try {
                Files.createDirectory(directory);
            } catch (FileAlreadyExistsException e) {
                // created meanwhile; its permissions are set below
            }
        }
        if (OwnerOnly.posix(directory)) {
            Files.setPosixFilePermissions(directory, OwnerOnly.FOLDER);
        }
        return new SecureJournal(directory);
    }

    public synchronized Optional<SecureState> latest(String taskId) {
        Path file = file(taskId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    SecureState.fromJson(JsonFields.object(CanonicalJson.parse(Files.readString(file, UTF_8)))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    file + " is not a valid secure-aggregation journal; the node cannot take part in the attempt it"
                            + " names without it (move it aside to sit that attempt out)",
                    e);
        }
    }

    /** Records {@code state} as its task's latest, durably, before anything derived from it is sent. */
    public synchronized void record(SecureState state) {
        Path target = file(state.taskId());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            if (OwnerOnly.posix(directory)) {
                Files.createFile(temporary, OwnerOnly.fileAttribute());
            }
            Files.writeString(
                    temporary,
                    CanonicalJson.encode(state.toJson()),
                    UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secure-aggregation journal in " + directory, e);
        }
    }

    Path file(String taskId) {
        return directory.resolve(taskId + ".json");
    }
}
