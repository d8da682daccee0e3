package app.supplyline.platform;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Who am I, as this service sees the bearer token: proves end to end that a Keycloak token is accepted
 * (signature, issuer, audience, expiry), that realm roles are mapped and that the caller is the token's {@code sub}.
 */
@Path("/api/ping")
public class PingResource {

    private final SecurityIdentity identity;
    private final String service;

    public PingResource(SecurityIdentity identity, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.identity = identity;
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"parent", "clinician", "admin"})
    public Ping ping() {
        return new Ping(service, identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList());
    }

    /** The caller's subject (the token's {@code sub}) and realm roles. */
    public record Ping(String service, String subject, List<String> roles) {
    }
}
