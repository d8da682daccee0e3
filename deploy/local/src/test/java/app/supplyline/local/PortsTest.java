package app.supplyline.local;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Scanner;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortsTest {

    @Test
    void freePortsAreDistinctAndBelowTheEphemeralRangeWhereOutgoingConnectionsTakeTheirs() throws Exception {
        int ephemeralLow = Ports.ephemeralRange()[0];
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            int port = Ports.freePort();
            assertTrue(picked.add(port), "port " + port + " handed out twice");
            if (ephemeralLow - Ports.LOWEST >= 1_000) {
                assertTrue(port >= Ports.LOWEST && port < ephemeralLow, port + " outside [20000, " + ephemeralLow + ")");
            }
            try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, bound.getLocalPort());
            }
        }
    }

    @Test
    void theEphemeralRangeIsTheKernelsWhereItCanBeRead() throws Exception {
        Path file = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.isReadable(file)) {
            try (Scanner scanner = new Scanner(file)) {
                assertArrayEquals(new int[] {scanner.nextInt(), scanner.nextInt()}, Ports.ephemeralRange());
            }
        } else {
            assertArrayEquals(new int[] {49_152, 65_535}, Ports.ephemeralRange());
        }
    }

    @Test
    void aPortSomethingListensOnIsTakenAndNamesTheComponent() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            assertTrue(Ports.isListening(port));
            Ports.PortTakenException taken = assertThrows(Ports.PortTakenException.class,
                    () -> Ports.requireFree(port, "Kafka"));
            assertTrue(taken.getMessage().contains("Port " + port + " needed by Kafka is already in use"),
                    taken.getMessage());
        }
    }

    @Test
    void aFreePortPassesTheCheck() {
        int port = Ports.freePort();
        assertFalse(Ports.isListening(port));
        Ports.requireFree(port, "PostgreSQL");
    }
}
