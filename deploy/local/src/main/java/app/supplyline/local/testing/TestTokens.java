package app.supplyline.local.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Access tokens shaped like Keycloak's for the {@code supplyline} realm (roles in {@code realm_access.roles},
 * audience {@code supplyline-api}), signed with the key that {@code quarkus-test-oidc-server}'s
 * {@code OidcWiremockTestResource} publishes, so a service under test verifies them exactly as in production.
 */
public final class TestTokens {

    /** The issuer {@code OidcWiremockTestResource} signs for; services set {@code %test.quarkus.oidc.token.issuer}. */
    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "supplyline-api";
    private static final String KEY_ID = "1";
    private static final String SIGNING_KEY = "privateKey.jwk";

    private TestTokens() {
    }

    /** A valid token for {@code subject} with the given realm roles. */
    public static String token(String subject, String... roles) {
        return sign(claims(subject, roles));
    }

    /** The claims of a valid token, to be varied by a test (expiry, audience, issuer) and then {@link #sign}ed. */
    public static JwtClaimsBuilder claims(String subject, String... roles) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .audience(AUDIENCE)
                .preferredUserName("user-" + subject)
                .claim("realm_access", Map.of("roles", List.of(roles)))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300));
    }

    /** Signs with the OIDC test server's key. */
    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(KEY_ID).sign(SIGNING_KEY);
    }

    /** Signs with a freshly generated key the service has never seen, under the same key id. */
    public static String signWithForeignKey(JwtClaimsBuilder claims) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey foreign = generator.generateKeyPair().getPrivate();
            return claims.jws().keyId(KEY_ID).sign(foreign);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
