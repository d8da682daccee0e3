package app.supplyline.web;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TokenStateManager;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

/**
 * Keeps the signed-in user's tokens in this app's database instead of the browser: the session cookie carries only a
 * random 256-bit reference (only its SHA-256 is stored). (quarkus-oidc's own database token state manager does this
 * too, but its artifacts are not served here: ADR-006.)
 * <p>
 * quarkus-oidc deletes the old token state whenever it writes a new one, that is at every token refresh too. A
 * refresh must not end the session: the app sends requests in parallel, and each of them may refresh; so outside
 * sign-out the old reference stays valid for {@link #REFRESH_GRACE} (the requests in flight finish with it) and then
 * expires. Signing out ({@code /logout}) deletes every row of that Keycloak session ({@code sid}) at once, so no
 * cookie of it — from before a refresh either — is worth anything afterwards.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class ServerSideTokens implements TokenStateManager {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final Duration REFRESH_GRACE = Duration.ofSeconds(60);

    private final Pool pool;
    private final Duration maxAge;
    private final String logoutPath;

    public ServerSideTokens(Pool pool,
            @ConfigProperty(name = "supplyline.signed-in.max-age", defaultValue = "PT12H") Duration maxAge,
            @ConfigProperty(name = "quarkus.oidc.logout.path", defaultValue = "/logout") String logoutPath) {
        this.pool = pool;
        this.maxAge = maxAge;
        this.logoutPath = logoutPath;
    }

    @Override
    public Uni<String> createTokenState(RoutingContext context, OidcTenantConfig config, AuthorizationCodeTokens tokens,
            OidcRequestContext<String> requestContext) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String reference = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(maxAge);
        // one round trip: the new state, and up to 100 expired ones cleared on the way
        return pool.preparedQuery("""
                        WITH expired AS (
                            DELETE FROM signed_in WHERE reference_hash IN
                                (SELECT reference_hash FROM signed_in WHERE expires_at < now() LIMIT 100))
                        INSERT INTO signed_in (reference_hash, keycloak_session, id_token, access_token, refresh_token,
                            access_token_expires_in, access_token_scope, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.tuple(Arrays.asList(hash(reference), keycloakSession(tokens.getIdToken()),
                        tokens.getIdToken(), tokens.getAccessToken(), tokens.getRefreshToken(),
                        tokens.getAccessTokenExpiresIn(), tokens.getAccessTokenScope(), expires)))
                .replaceWith(reference);
    }

    @Override
    public Uni<AuthorizationCodeTokens> getTokens(RoutingContext context, OidcTenantConfig config, String reference,
            OidcRequestContext<AuthorizationCodeTokens> requestContext) {
        return pool.preparedQuery("""
                        SELECT id_token, access_token, refresh_token, access_token_expires_in, access_token_scope
                          FROM signed_in WHERE reference_hash = $1 AND expires_at > now()""")
                .execute(Tuple.of(hash(reference)))
                .onItem().transformToUni(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(new AuthenticationFailedException("Signed out, or the session expired"));
                    }
                    Row r = rows.iterator().next();
                    return Uni.createFrom().item(new AuthorizationCodeTokens(r.getString(0), r.getString(1), r.getString(2),
                            r.getLong(3), r.getString(4)));
                });
    }

    @Override
    public Uni<Void> deleteTokens(RoutingContext context, OidcTenantConfig config, String reference,
            OidcRequestContext<Void> requestContext) {
        byte[] hash = hash(reference);
        if (!logoutPath.equals(context.normalizedPath())) {
            // a refresh replaces this state: it stays valid a little longer for the requests in flight
            return pool.preparedQuery("""
                            UPDATE signed_in SET expires_at = LEAST(expires_at, now() + make_interval(secs => $2))
                             WHERE reference_hash = $1""")
                    .execute(Tuple.of(hash, (double) REFRESH_GRACE.toSeconds())).replaceWithVoid();
        }
        return pool.preparedQuery("""
                        DELETE FROM signed_in WHERE reference_hash = $1
                            OR keycloak_session = (SELECT keycloak_session FROM signed_in WHERE reference_hash = $1)""")
                .execute(Tuple.of(hash)).replaceWithVoid();
    }

    /** The ID token's {@code sid}: every token state of one Keycloak session shares it. */
    static String keycloakSession(String idToken) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]), StandardCharsets.UTF_8);
            return new JsonObject(payload).getString("sid");
        } catch (RuntimeException e) {
            return null;
        }
    }

    static byte[] hash(String reference) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(reference.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
