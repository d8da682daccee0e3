package app.supplyline.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void servesADatabasePerServiceAndKeepsItsDataAcrossRestarts() throws Exception {
        int port = Ports.freePort();
        try (PostgresServer server = new PostgresServer(port, dataDir, StackSettings.defaultCacheDir())) {
            server.start();
            server.ensureDatabase("session");
            server.ensureDatabase("session"); // idempotent
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("session"), "session", "session");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE journal (id int PRIMARY KEY, note text)");
                s.execute("INSERT INTO journal VALUES (1, 'first pumping of the day')");
                try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int")) {
                    rs.next();
                    assertTrue(rs.getInt(1) >= 180000, "PostgreSQL 18 from the zonky binaries");
                }
            }
        }
        assertTrue(!Ports.isListening(port), "stopped server no longer listens");

        try (PostgresServer again = new PostgresServer(port, dataDir, StackSettings.defaultCacheDir())) {
            again.start();
            try (Connection c = DriverManager.getConnection(again.jdbcUrl("session"), "session", "session");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT note FROM journal WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals("first pumping of the day", rs.getString(1));
            }
        }
    }

    @Test
    void rejectsAWrongPassword() {
        try (PostgresServer server = new PostgresServer(Ports.freePort(), dataDir, StackSettings.defaultCacheDir())) {
            server.start();
            server.ensureDatabase("analytics");
            SQLException e = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(server.jdbcUrl("analytics"), "analytics", "wrong").close());
            assertEquals("28P01", e.getSQLState(), "invalid_password");
        }
    }

    @Test
    void refusesATakenPortNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            PostgresServer server = new PostgresServer(taken.getLocalPort(), dataDir, StackSettings.defaultCacheDir());
            StackException e = assertThrows(StackException.class, server::start);
            assertTrue(e.getMessage().contains("Port " + taken.getLocalPort() + " needed by PostgreSQL"), e.getMessage());
        }
    }
}
