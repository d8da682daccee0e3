package app.supplyline.web;

import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The web app's secrets, without a default: the dev, test and local profiles give development values, and under
 * {@code prod} each must come from the environment. A start without one fails while the configuration is read and
 * names every missing property (docs/operations.md).
 */
@ConfigMapping(prefix = "supplyline.production-secrets")
public interface ProductionSecrets {

    /** {@code quarkus.datasource.password}: the signed-in users' tokens. */
    String databasePassword();

    /** {@code quarkus.oidc.auth-server-url}: the realm users sign in to. */
    String oidcAuthServerUrl();

    /** {@code quarkus.oidc.credentials.secret}: the confidential client's secret. */
    String oidcClientSecret();

    /** {@code quarkus.oidc.authentication.state-secret}: encrypts the sign-in state cookie. */
    String oidcStateSecret();

    /** Keeps the mapping in the application, so that it is checked at every start. */
    @Startup
    @ApplicationScoped
    class Check {
        Check(ProductionSecrets secrets) {
            // nothing to do: reading the configuration into the mapping is the check
        }
    }
}
