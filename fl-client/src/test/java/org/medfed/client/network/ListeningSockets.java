package org.medfed.client.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP sockets listening in this network namespace, read from the kernel's {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} (the namespace of the reading process), and which process holds which (its
 * {@code /proc/PID/fd} links name the sockets' inodes). Linux only; no tool outside the JVM.
 */
final class ListeningSockets {

    /** TCP_LISTEN in /proc/net/tcp's {@code st} column. */
    private static final String LISTEN = "0A";

    /** One listening socket: its local address and port, and the inode that /proc/PID/fd links name. */
    record Socket(InetAddress address, int port, long inode) {
        boolean loopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return (address.getAddress().length == 16 ? "[" + address.getHostAddress() + "]" : address.getHostAddress())
                    + ":" + port;
        }
    }

    private ListeningSockets() {}

    /** Every listening TCP socket (IPv4 and IPv6) of this network namespace. */
    static List<Socket> all() {
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (NoSuchFileException e) {
                continue; // no IPv6 in this kernel
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.strip().split("\\s+");
                if (f[3].equals(LISTEN)) {
                    String[] local = f[1].split(":");
                    sockets.add(new Socket(address(local[0]), Integer.parseInt(local[1], 16), Long.parseLong(f[9])));
                }
            }
        }
        return sockets;
    }

    /** The inodes of the sockets process {@code pid} holds open (empty when the process is gone). */
    static Set<Long> socketInodes(long pid) {
        Set<Long> inodes = new TreeSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                if (target.startsWith("socket:[")) {
                    inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                }
            }
        } catch (NoSuchFileException gone) {
            return inodes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    /** The listening sockets that {@code pid} or one of its descendants holds. */
    static List<Socket> of(long pid) {
        Set<Long> inodes = new TreeSet<>(socketInodes(pid));
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> inodes.addAll(socketInodes(d.pid()))));
        return all().stream().filter(s -> inodes.contains(s.inode())).toList();
    }

    /**
     * /proc/net's hex address: the 4 (IPv4) or 16 (IPv6) bytes as 32-bit words, each in the host's byte order
     * (little-endian on the machines this runs on).
     */
    static InetAddress address(String hex) {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] bytes = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                bytes[word + i] = raw[word + 3 - i];
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + hex, e);
        }
    }
}
