package app.supplyline.analytics.cohort;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is asking: the token's {@code sub}, and the name to show others (name, else username, else the sub). */
record Viewer(String id, String displayName) {

    static Viewer of(SecurityIdentity identity) {
        String id = identity.getPrincipal().getName();
        String name = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            name = jwt.getClaim("name");
            if (name == null || name.isBlank()) {
                name = jwt.getClaim("preferred_username");
            }
        }
        return new Viewer(id, name == null || name.isBlank() ? id : name.strip());
    }
}
