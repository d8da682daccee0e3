package app.supplyline.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Ports and directories of the local stack. Every value has a default and an environment variable that
 * overrides it (listed in the README's configuration table).
 */
public record StackSettings(Path dataDir, Path cacheDir, Path projectDir,
        int postgresPort, int kafkaPort, int kafkaControllerPort, int keycloakPort, int keycloakManagementPort,
        int sessionPort, int analyticsPort, int notificationPort, int pushPort, int webPort, int smtpPort) {

    public static StackSettings fromEnvironment(Path projectDir) {
        return from(System.getenv(), projectDir);
    }

    static StackSettings from(Map<String, String> env, Path projectDir) {
        Path home = Path.of(System.getProperty("user.home"), ".supplyline");
        return new StackSettings(
                path(env, "SUPPLYLINE_DATA_DIR", home.resolve("data")),
                path(env, "SUPPLYLINE_CACHE_DIR", home.resolve("cache")),
                projectDir,
                port(env, "SUPPLYLINE_POSTGRES_PORT", 5433),
                port(env, "SUPPLYLINE_KAFKA_PORT", 9092),
                port(env, "SUPPLYLINE_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "SUPPLYLINE_KEYCLOAK_PORT", 8180),
                port(env, "SUPPLYLINE_KEYCLOAK_MANAGEMENT_PORT", 8190),
                port(env, "SUPPLYLINE_SESSION_PORT", 8081),
                port(env, "SUPPLYLINE_ANALYTICS_PORT", 8082),
                port(env, "SUPPLYLINE_NOTIFICATION_PORT", 8083),
                port(env, "SUPPLYLINE_PUSH_PORT", 8184),
                port(env, "SUPPLYLINE_WEB_PORT", 8080),
                port(env, "SUPPLYLINE_SMTP_PORT", 8025));
    }

    /** The cache shared by every data directory (unpacked PostgreSQL and Keycloak); --fresh keeps it. */
    public static Path defaultCacheDir() {
        return path(System.getenv(), "SUPPLYLINE_CACHE_DIR", Path.of(System.getProperty("user.home"), ".supplyline", "cache"));
    }

    private static Path path(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Path.of(value).toAbsolutePath();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StackException(name + " must be a port number (1-65535), not '" + value + "'");
        }
    }
}
