package org.medfed.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    @Test
    void readsProcNetAddressesWordByWordInHostOrder() {
        assertThat(ListeningSockets.address("0100007F").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(ListeningSockets.address("0100007F").isLoopbackAddress()).isTrue();
        assertThat(ListeningSockets.address("00000000").isLoopbackAddress()).isFalse();
        assertThat(ListeningSockets.address("0A00020F").getHostAddress()).isEqualTo("15.2.0.10");
        assertThat(ListeningSockets.address("00000000000000000000000001000000").getHostAddress())
                .isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(ListeningSockets.address("00000000000000000000000001000000").isLoopbackAddress())
                .isTrue();
        assertThat(ListeningSockets.address("0000000000000000FFFF00000100007F").isLoopbackAddress())
                .as("IPv4-mapped 127.0.0.1")
                .isTrue();
        assertThat(ListeningSockets.address("00000000000000000000000000000000").isLoopbackAddress())
                .isFalse();
    }

    @Test
    void findsTheSocketThisProcessListensOnAndItsAddress() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var mine = ListeningSockets.of(ProcessHandle.current().pid());

            assertThat(mine)
                    .filteredOn(s -> s.port() == server.getLocalPort())
                    .singleElement()
                    .satisfies(s -> {
                        assertThat(s.loopback()).isTrue();
                        assertThat(s.toString()).isEqualTo("127.0.0.1:" + server.getLocalPort());
                    });
        }
        assertThat(ListeningSockets.of(ProcessHandle.current().pid())).noneMatch(s -> s.port() == 0);
    }

    @Test
    void findsABoundUdpSocketButNotAConnectedOne() throws Exception {
        try (DatagramSocket bound = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket connected =
                        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            connected.connect(bound.getLocalSocketAddress());

            var mine = ListeningSockets.of(ProcessHandle.current().pid());

            assertThat(mine)
                    .filteredOn(s -> s.port() == bound.getLocalPort())
                    .singleElement()
                    .satisfies(s -> assertThat(s.toString()).isEqualTo("udp 127.0.0.1:" + bound.getLocalPort()));
            assertThat(mine).noneMatch(s -> s.port() == connected.getLocalPort());
        }
    }
}
