package app.supplyline.web;

import io.quarkus.oidc.IdToken;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Set;

/**
 * Who is signed in, for the app: a 401 means "show the sign-in page". Never a token. DELETE deletes the account:
 * forwarded to the session-service like any other call (ADR-010).
 */
@Path("/api/me")
@Authenticated
public class Me {

    static final Set<String> ROLES = Set.of("parent", "clinician", "admin");

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    SecurityIdentity identity;

    public record MeView(String subject, String username, String name, String email, List<String> roles) {
    }

    @Inject
    ApiProxy proxy;

    @DELETE
    public Uni<Response> delete(@Context UriInfo uri, @Context HttpHeaders headers) {
        return proxy.delete("me", uri, headers);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public MeView me() {
        String username = idToken.getClaim("preferred_username");
        String name = idToken.getClaim("name");
        return new MeView(idToken.getSubject(), username, name == null ? username : name, idToken.getClaim("email"),
                identity.getRoles().stream().filter(ROLES::contains).sorted().toList());
    }
}
