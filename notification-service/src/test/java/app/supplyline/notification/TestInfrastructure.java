package app.supplyline.notification;

import app.supplyline.local.testing.KafkaTestResource;
import app.supplyline.local.testing.LocalPushTestResource;
import app.supplyline.local.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The real infrastructure every {@code @QuarkusTest} of this service runs against: a PostgreSQL server with the
 * service's own database, a Kafka broker, the local push service (all from deploy/local) and an OIDC server that signs
 * real tokens.
 */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(LocalPushTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
