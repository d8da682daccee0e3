package app.supplyline.local.testing;

import app.supplyline.local.LocalPushService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} the local push service — one per test JVM — and allows exactly its origin
 * ({@code supplyline.push.local-service}). Tests reach it through {@link #service()}.
 */
public class LocalPushTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("supplyline.push.local-service", TestServers.push().origin());
    }

    @Override
    public void stop() {
        // shared by the module's test classes; stopped when the test JVM exits (TestServers)
    }

    /** The push service this JVM's tests use. */
    public static LocalPushService service() {
        return TestServers.push();
    }
}
