package app.supplyline.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks for the embedded stack. */
public final class Ports {

    private Ports() {
    }

    /** Fails with a message naming the component and the port when something already listens on it. */
    public static void requireFree(int port, String component) {
        if (isListening(port)) {
            throw new StackException("Port " + port + " needed by " + component
                    + " is already in use. Stop what holds it (see `ss -ltnp | grep :" + port
                    + "`) or choose another port (see README, Configuration).");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new StackException("Port " + port + " needed by " + component + " cannot be bound: " + e.getMessage());
        }
    }

    /** True when a server accepts connections on localhost:port. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free now, for tests that must not collide with a running stack. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("No free port: " + e.getMessage(), e);
        }
    }
}
