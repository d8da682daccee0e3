package app.supplyline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What the benchmarks share: a minimal OpenID provider for the bench's own key (discovery document and JWKS, all a
 * bearer-token service fetches from Keycloak, so tokens are verified exactly as in production), tokens, percentiles
 * and the printed and written table.
 */
final class BenchSupport implements AutoCloseable {

    static final String ISSUER = "supplyline-bench";

    private final KeyPair keys;
    private final HttpServer server;

    BenchSupport() throws IOException {
        try {
            // Keycloak's realm keys are RS256 with 2048-bit RSA (the JDK's default would be 3072)
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = authServerUrl();
        RSAPublicKey rsa = (RSAPublicKey) keys.getPublic();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64.encodeToString(unsigned(rsa.getModulus())) + "\",\"e\":\""
                + b64.encodeToString(unsigned(rsa.getPublicExponent())) + "\"}]}";
        String discovery = "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + base + "/certs\","
                + "\"token_endpoint\":\"" + base + "/token\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        server.createContext("/realms/bench/.well-known/openid-configuration", exchange -> respond(exchange, discovery));
        server.createContext("/realms/bench/certs", exchange -> respond(exchange, jwks));
        server.start();
    }

    /** QUARKUS_OIDC_AUTH_SERVER_URL for a service that should trust the bench's tokens. */
    String authServerUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/realms/bench";
    }

    /** A two-hour token for {@code subject} with one realm role. */
    String token(String subject, String role) {
        return Jwt.issuer(ISSUER).subject(subject).audience("supplyline-api").preferredUserName(subject)
                .claim("realm_access", Map.of("roles", List.of(role))).expiresIn(Duration.ofHours(2))
                .jws().keyId("bench").algorithm(SignatureAlgorithm.RS256).sign(keys.getPrivate());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Polls {@code done} every {@code poll} until it holds or {@code max} passed (Awaitility); false on time-out, so
     * that a benchmark reports what it reached instead of failing.
     */
    static boolean waitUntil(Duration max, Duration poll, java.util.concurrent.Callable<Boolean> done) {
        try {
            org.awaitility.Awaitility.await().atMost(max).pollInterval(poll).until(done);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /** The p-th percentile of sorted nanosecond latencies, in milliseconds with one decimal. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        long nanos = sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        return Math.round(nanos / 1e5) / 10.0;
    }

    /** Date and machine, the first lines of every results table. */
    static void describeMachine(Map<String, Object> results) {
        results.put("date", LocalDate.now().toString());
        results.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap of the load generator, Java "
                + Runtime.version().feature());
    }

    /** Prints the table and writes it as JSON to target/{@code file}. */
    static void report(String title, Map<String, Object> results, String file, Path logs) throws IOException {
        StringBuilder table = new StringBuilder("\n=== " + title + " ===\n");
        results.forEach((k, v) -> table.append(String.format("  %-34s %s%n", k, v)));
        System.out.println(table);
        ObjectMapper json = new ObjectMapper();
        Path out = Path.of("target", file);
        Files.createDirectories(out.getParent());
        Files.writeString(out, json.writerWithDefaultPrettyPrinter().writeValueAsString(results), StandardCharsets.UTF_8);
        System.out.println("Written to " + out.toAbsolutePath() + " (servers' logs in " + logs + ")");
    }
}
