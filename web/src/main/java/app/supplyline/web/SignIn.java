package app.supplyline.web;

import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * {@code /login}: an authenticated page, so quarkus-oidc runs the authorization code flow (with PKCE) on the way in;
 * once signed in, back to the app. {@code /login?prompt=create} is the same with Keycloak's registration page first.
 * {@code /reauthenticate} ends this browser's sign-in here (not Keycloak's) and signs in again with
 * {@code prompt=login}: Keycloak asks for the password even within its own session, so the new token's
 * {@code auth_time} is now (deleting the account asks for that). {@code /account-deleted} ends this browser's sign-in
 * once the account is gone (Keycloak's session went with the user).
 */
@Path("/")
public class SignIn {

    @Inject
    OidcSession session;

    @GET
    @Path("login")
    @Authenticated
    public Response login() {
        return Response.seeOther(URI.create("/")).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("reauthenticate")
    @Authenticated
    public Uni<Response> reauthenticate() {
        return session.logout().replaceWith(() -> Response.seeOther(URI.create("/login?prompt=login"))
                .header("Cache-Control", "no-store").build());
    }

    @GET
    @Path("account-deleted")
    @Authenticated
    public Uni<Response> accountDeleted() {
        return session.logout().replaceWith(() -> Response.seeOther(URI.create("/?account=deleted"))
                .header("Cache-Control", "no-store").build());
    }
}
