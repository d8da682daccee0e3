package app.supplyline.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackSettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsToTheDocumentedPorts() {
        StackSettings s = StackSettings.from(Map.of(), dir);
        assertEquals(5433, s.postgresPort());
        assertEquals(9092, s.kafkaPort());
        assertEquals(8180, s.keycloakPort());
        assertEquals(8081, s.sessionPort());
        assertEquals(8082, s.analyticsPort());
        assertEquals(8083, s.notificationPort());
        assertEquals(8080, s.webPort());
        assertEquals(8025, s.smtpPort());
        assertTrue(s.dataDir().endsWith(".supplyline/data"));
    }

    @Test
    void environmentOverridesPortsAndDirectories() {
        StackSettings s = StackSettings.from(Map.of("SUPPLYLINE_KAFKA_PORT", "19092",
                "SUPPLYLINE_DATA_DIR", dir.resolve("d").toString()), dir);
        assertEquals(19092, s.kafkaPort());
        assertEquals(dir.resolve("d"), s.dataDir());
    }

    @Test
    void rejectsAPortThatIsNotANumber() {
        StackException e = assertThrows(StackException.class,
                () -> StackSettings.from(Map.of("SUPPLYLINE_POSTGRES_PORT", "543x"), dir));
        assertEquals("SUPPLYLINE_POSTGRES_PORT must be a port number (1-65535), not '543x'", e.getMessage());
    }

    @Test
    void stackRefusesToStartWhenAPortIsTakenAndStartsNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            StackSettings s = StackSettings.from(Map.of(
                    "SUPPLYLINE_DATA_DIR", dir.resolve("data").toString(),
                    "SUPPLYLINE_POSTGRES_PORT", Integer.toString(Ports.freePort()),
                    "SUPPLYLINE_KAFKA_PORT", Integer.toString(taken.getLocalPort())), dir);
            StackException e = assertThrows(StackException.class, () -> new LocalStack(s).start(false));
            assertTrue(e.getMessage().contains("Port " + taken.getLocalPort() + " needed by Kafka"), e.getMessage());
            assertFalse(Ports.isListening(s.postgresPort()), "nothing was started");
            assertFalse(Files.exists(s.dataDir().resolve("postgres")));
        }
    }
}
