package app.supplyline.session.account;

import app.supplyline.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The parent's account. Deleting it erases the parent everywhere (ADR-010) and cannot be undone, so it asks for a
 * recent sign-in: the token's {@code auth_time} at most {@code supplyline.erasure.max-auth-age} old, else 401 with
 * the reason; the app offers the export first and signs the parent in again.
 */
@Path("/api/me")
@RolesAllowed("parent")
public class AccountResource {

    private final Accounts accounts;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final Duration maxAuthAge;

    public AccountResource(Accounts accounts, SecurityIdentity identity, Clock clock,
            @ConfigProperty(name = "supplyline.erasure.max-auth-age", defaultValue = "PT5M") Duration maxAuthAge) {
        this.accounts = accounts;
        this.identity = identity;
        this.clock = clock;
        this.maxAuthAge = maxAuthAge;
    }

    @DELETE
    @Operation(summary = "Delete my account and everything Supplyline holds about me")
    @APIResponse(responseCode = "204", description = "Erased: sessions, notes, check-ins, profile, trends, consents, "
            + "notifications and devices are gone, and the sign-in with them")
    @APIResponse(responseCode = "401", description = "The sign-in is older than 5 minutes: sign in again first")
    public Uni<Response> delete() {
        Instant now = clock.instant();
        if (!recentlySignedIn(now)) {
            throw new ProblemException(401, "Sign in again",
                    "Deleting your account needs a sign-in from the last " + maxAuthAge.toMinutes()
                            + " minutes: sign in again, then delete it.", List.of());
        }
        String parentId = identity.getPrincipal().getName();
        return accounts.erase(parentId, now).replaceWith(Response.noContent().build());
    }

    private boolean recentlySignedIn(Instant now) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return false;
        }
        Object authTime = token.getClaim("auth_time");
        long seconds;
        if (authTime instanceof Number n) {
            seconds = n.longValue();
        } else if (authTime instanceof JsonNumber n) {
            seconds = n.longValue();
        } else {
            return false;
        }
        return !Instant.ofEpochSecond(seconds).isBefore(now.minus(maxAuthAge));
    }
}
