package app.supplyline.platform.config;

import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The secrets no service runs without. They have no default: the dev, test and local profiles give development
 * values, and under {@code prod} each must come from the environment (or any other config source). A service that
 * lacks one refuses to start while its configuration is read — before it migrates or connects to anything — and the
 * message names every missing property ({@code SRCFG00011: Could not expand value quarkus.datasource.password in
 * property supplyline.production-secrets.database-password}), see docs/operations.md.
 */
@ConfigMapping(prefix = "supplyline.production-secrets")
public interface ProductionSecrets {

    /** {@code quarkus.datasource.password}. */
    String databasePassword();

    /** {@code quarkus.oidc.auth-server-url}: the realm whose tokens the service trusts. */
    String oidcAuthServerUrl();

    /** {@code supplyline.keys.kek}: seals the parents' data keys on their topic (KeyTopic). */
    String keyEncryptionKey();

    /** Keeps the mapping in the application, so that it is checked at every start. */
    @Startup
    @ApplicationScoped
    class Check {
        Check(ProductionSecrets secrets) {
            // nothing to do: reading the configuration into the mapping is the check
        }
    }
}
