package app.supplyline.session.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keycloak.admin.client.Keycloak;

/**
 * The realm's users, through the Keycloak admin client of quarkus-keycloak-admin-rest-client (the
 * {@code supplyline-erasure} service account). The client is request-scoped, so each call runs in a request
 * context of its own; calls block (run them on a worker thread).
 */
@ApplicationScoped
class KeycloakUsers {

    private final Keycloak keycloak;
    private final String realm;

    KeycloakUsers(Keycloak keycloak,
            @ConfigProperty(name = "quarkus.keycloak.admin-client.realm", defaultValue = "supplyline") String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    /** Deletes the user with this id; a user already gone counts as deleted. */
    @ActivateRequestContext
    void delete(String userId) {
        try (Response answer = keycloak.realm(realm).users().delete(userId)) {
            int status = answer.getStatus();
            if (status != 204 && status != 404) {
                throw new IllegalStateException("Keycloak answered " + status + " to deleting a user");
            }
        }
    }
}
