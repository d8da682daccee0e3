package app.supplyline.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port checks and port picking for the embedded stack.
 *
 * <p>Free ports are picked below the kernel's ephemeral range: the outgoing connections of clients (Kafka, JDBC,
 * HTTP) take their local port from that range, and a server restarted on a port a client socket holds (or a stack
 * started on one) would fail. A port is handed out at most once per JVM.
 */
public final class Ports {

    /** The lowest port picked; below the usual registered services of a development machine. */
    static final int LOWEST = 20_000;

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** Something already listens on a port the stack needs. */
    public static final class PortTakenException extends StackException {
        public PortTakenException(String message) {
            super(message);
        }
    }

    /** Fails with a message naming the component and the port when something already listens on it. */
    public static void requireFree(int port, String component) {
        if (isListening(port)) {
            throw new PortTakenException("Port " + port + " needed by " + component
                    + " is already in use. Stop what holds it (see `ss -ltnp | grep :" + port
                    + "`) or choose another port (see README, Configuration).");
        }
        if (!canBind(port)) {
            throw new PortTakenException("Port " + port + " needed by " + component + " cannot be bound.");
        }
    }

    /** True when a server accepts connections on localhost:port (a socket that connected to itself does not count). */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return socket.getLocalPort() != port;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free now and was not handed out before in this JVM, for tests and benchmarks. */
    public static int freePort() {
        int[] ephemeral = ephemeralRange();
        int highest = ephemeral[0] - 1;
        if (highest - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 500; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
                if (!HANDED_OUT.contains(port) && canBind(port) && !isListening(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new StackException("No free port: " + e.getMessage(), e);
            }
        }
        throw new StackException("No free port that was not handed out already");
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The kernel's ephemeral port range (Linux), or the IANA one where it cannot be read. */
    static int[] ephemeralRange() {
        // line by line: Files.readString trusts the size /proc reports, and reads a truncated value
        try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String[] parts = reader.readLine().trim().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {49_152, 65_535};
        }
    }
}
