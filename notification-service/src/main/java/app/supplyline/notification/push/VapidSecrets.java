package app.supplyline.notification.push;

import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The VAPID key pair is a production secret like the platform's {@code ProductionSecrets}: under {@code prod} the
 * service refuses to start without {@code supplyline.push.vapid.public-key} and {@code private-key}, naming each; in
 * dev, tests and the local stack the pair is generated once into a key file instead ({@link VapidKeys}).
 */
@ConfigMapping(prefix = "supplyline.vapid-secrets")
public interface VapidSecrets {

    /** {@code supplyline.push.vapid.public-key} (or "key file" outside prod). */
    String publicKey();

    /** {@code supplyline.push.vapid.private-key} (or "key file" outside prod). */
    String privateKey();

    /** Keeps the mapping in the application, so that it is checked at every start. */
    @Startup
    @ApplicationScoped
    class Check {
        Check(VapidSecrets secrets) {
            // nothing to do: reading the configuration into the mapping is the check
        }
    }
}
