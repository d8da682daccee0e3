package app.supplyline.session;

import app.supplyline.local.testing.ServiceContract;
import io.quarkus.test.junit.QuarkusTest;

/** session-service meets the contract every service meets (readiness, OpenAPI, metrics, token checks). */
@QuarkusTest
class ServiceContractTest extends ServiceContract {

    @Override
    protected String serviceName() {
        return "session-service";
    }

    /** Sessions are accepted into the outbox while Kafka is away: readiness depends on PostgreSQL only. */
    @Override
    protected String[] readinessChecks() {
        return new String[] {"Reactive PostgreSQL connections health check", "Database connections health check"};
    }
}
