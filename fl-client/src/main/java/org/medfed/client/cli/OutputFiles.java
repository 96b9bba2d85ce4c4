package org.medfed.client.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The files commands write with {@code --out FILE [--force]}: never half written, never overwritten unasked. */
final class OutputFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path file) throws IOException;
    }

    private OutputFiles() {}

    /** The absolute target of {@code --out}, checked before any work: not a directory, absent unless forced. */
    static Path target(Path out, boolean force) throws InputException {
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target) && !force) {
            throw new InputException(target + " exists; pass --force to overwrite it");
        }
        if (Files.isDirectory(target)) {
            throw new InputException(target + " is a directory; --out takes a file name");
        }
        return target;
    }

    /** Writes a hidden temporary file beside {@code target}, then moves it there (atomically where possible). */
    static void writeAtomically(Path target, Content content) throws InputException {
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            content.writeTo(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new InputException("cannot write " + target + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // The temporary file is hidden and named after the target; leaving it is harmless.
        }
    }
}
