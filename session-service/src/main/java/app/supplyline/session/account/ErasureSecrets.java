package app.supplyline.session.account;

import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The erasure's secret, read at start like the platform's ProductionSecrets: without
 * {@code supplyline.erasure.client-secret} (SUPPLYLINE_ERASURE_CLIENT_SECRET) in production the service refuses to
 * start, rather than failing at the first erasure to delete the parent's Keycloak user.
 */
@ConfigMapping(prefix = "supplyline.erasure.secrets")
public interface ErasureSecrets {

    /** The secret of the {@code supplyline-erasure} service account. */
    String clientSecret();

    /** Keeps the mapping in the application, so that it is checked at every start. */
    @Startup
    @ApplicationScoped
    class Check {
        Check(ErasureSecrets secrets) {
            // nothing to do: reading the configuration into the mapping is the check
        }
    }
}
