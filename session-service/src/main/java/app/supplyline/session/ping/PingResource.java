package app.supplyline.session.ping;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Who am I, as this service sees the bearer token: proves end to end that a Keycloak token is accepted
 * (signature, issuer, audience, expiry) and that realm roles are mapped.
 */
@Path("/api/ping")
public class PingResource {

    static final String SERVICE = "session-service";

    private final SecurityIdentity identity;

    public PingResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"parent", "clinician", "admin"})
    public Ping ping() {
        return new Ping(SERVICE, identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList());
    }

    /** The caller's subject (the token's {@code sub}) and realm roles. */
    public record Ping(String service, String subject, List<String> roles) {
    }
}
