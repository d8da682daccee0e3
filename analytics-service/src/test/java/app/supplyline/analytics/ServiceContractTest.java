package app.supplyline.analytics;

import app.supplyline.local.testing.ServiceContract;
import io.quarkus.test.junit.QuarkusTest;

/** analytics-service meets the contract every service meets (readiness, OpenAPI, metrics, token checks). */
@QuarkusTest
class ServiceContractTest extends ServiceContract {

    @Override
    protected String serviceName() {
        return "analytics-service";
    }
}
