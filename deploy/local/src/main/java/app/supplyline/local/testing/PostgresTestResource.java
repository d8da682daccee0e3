package app.supplyline.local.testing;

import app.supplyline.local.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL database. Init arg {@code database}: the service's database
 * (a role of the same name owns it). With {@code QUARKUS_DATASOURCE_REACTIVE_URL} in the environment the test uses
 * that server instead and this resource starts nothing.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        if (System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL") != null) {
            return Map.of();
        }
        PostgresServer server = TestServers.postgres();
        server.ensureDatabase(database);
        return Map.of(
                "quarkus.datasource.reactive.url", server.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", database,
                "quarkus.datasource.password", database);
    }

    @Override
    public void stop() {
        // shared by the module's test classes; stopped when the test JVM exits (TestServers)
    }
}
