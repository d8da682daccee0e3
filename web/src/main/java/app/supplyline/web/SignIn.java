package app.supplyline.web;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * {@code /login}: an authenticated page, so quarkus-oidc runs the authorization code flow (with PKCE) on the way in;
 * once signed in, back to the app. {@code /signup} is the same with Keycloak's registration page first
 * ({@code prompt=create}).
 */
@Path("/")
public class SignIn {

    @GET
    @Path("login")
    @Authenticated
    public Response login() {
        return Response.seeOther(URI.create("/")).header("Cache-Control", "no-store").build();
    }
}
