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
 * The sockets listening in this network namespace, read from the kernel's {@code /proc/net/tcp}, {@code tcp6},
 * {@code udp} and {@code udp6} (the namespace of the reading process): TCP sockets in LISTEN, and UDP sockets bound
 * but not connected (what would receive a datagram from anyone). And which process holds which: its
 * {@code /proc/PID/fd} links name the sockets' inodes. Linux only; no tool outside the JVM.
 */
public final class ListeningSockets {

    /** TCP_LISTEN in /proc/net/tcp's {@code st} column. */
    private static final String LISTEN = "0A";
    /** TCP_CLOSE: how /proc/net/udp shows a socket that is bound but not connected. */
    private static final String UNCONNECTED = "07";

    /** One listening socket: tcp or udp, its local address and port, and the inode that /proc/PID/fd links name. */
    public record Socket(String protocol, InetAddress address, int port, long inode) {
        public boolean loopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            String host =
                    address.getAddress().length == 16 ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
            return (protocol.equals("tcp") ? "" : protocol + " ") + host + ":" + port;
        }
    }

    private ListeningSockets() {}

    /** Every listening TCP socket and every bound, unconnected UDP socket (IPv4 and IPv6) of this namespace. */
    public static List<Socket> all() {
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of("/proc/net", table));
            } catch (NoSuchFileException e) {
                continue; // no IPv6 in this kernel
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean tcp = table.startsWith("tcp");
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.strip().split("\\s+");
                String[] local = f[1].split(":");
                boolean listening = tcp ? f[3].equals(LISTEN) : f[3].equals(UNCONNECTED) && f[2].matches("0+:0+");
                if (listening) {
                    sockets.add(new Socket(
                            tcp ? "tcp" : "udp",
                            address(local[0]),
                            Integer.parseInt(local[1], 16),
                            Long.parseLong(f[9])));
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
    public static List<Socket> of(long pid) {
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
