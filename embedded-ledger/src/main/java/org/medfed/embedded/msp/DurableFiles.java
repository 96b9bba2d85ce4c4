package org.medfed.embedded.msp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Writing a folder so that it appears whole or not at all: files are written and synced under a scratch folder
 * next to the target, which is then renamed into place. A crash leaves at most the scratch folder, which the next
 * attempt deletes. Every folder it creates is its owner's only (0700) and private keys are 0600: the crypto folders
 * hold the CAs' and every identity's keys.
 */
final class DurableFiles {

    private DurableFiles() {}

    /** The scratch folder for {@code target}: a hidden sibling, emptied of anything a crashed attempt left. */
    static Path scratchFor(Path target) throws IOException {
        Path scratch = target.resolveSibling("." + target.getFileName() + ".partial");
        deleteTree(scratch);
        createDirectories(scratch);
        return scratch;
    }

    /** Files.createDirectories, each folder it creates readable, writable and searchable by its owner only. */
    static void createDirectories(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Syncs the scratch folders' entries, renames the scratch folder to {@code target} in one step, syncs that. */
    static void publish(Path scratch, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(scratch)) {
            for (Path directory : paths.filter(Files::isDirectory).toList()) {
                sync(directory);
            }
        }
        Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        sync(target.getParent());
    }

    static void write(Path file, String text) throws IOException {
        write(file, text, false);
    }

    /** A private key: readable by the owner only, as cryptogen leaves it. */
    static void writeSecret(Path file, String text) throws IOException {
        write(file, text, true);
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    private static void sync(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
