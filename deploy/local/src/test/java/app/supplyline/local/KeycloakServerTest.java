package app.supplyline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The realm export, imported by a real Keycloak: roles, audience, demo users and the public client. */
class KeycloakServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KeycloakServer keycloak;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "keycloak-test");
        keycloak = new KeycloakServer(Ports.freePort(), Ports.freePort(), data, StackSettings.defaultCacheDir(),
                Path.of("../keycloak/supplyline-realm.json"), java.util.Map.of("SUPPLYLINE_SMTP_PORT", "25"));
        keycloak.start();
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    @Test
    void issuesParentTokensForTheServicesAudience() throws Exception {
        JsonNode claims = accessTokenClaims("parent1", "parent1-dev");
        assertEquals(keycloak.realmUrl(), claims.get("iss").asText());
        assertTrue(values(claims.get("aud")).contains("supplyline-api"), "audience the services check: " + claims.get("aud"));
        assertTrue(values(claims.at("/realm_access/roles")).contains("parent"));
        assertTrue(!values(claims.at("/realm_access/roles")).contains("clinician"));
        assertTrue(claims.get("sub").asText().matches("[0-9a-f-]{36}"), "sub is the parent id");
    }

    @Test
    void everyDemoUserHasTheirRole() throws Exception {
        Map<String, String> roleOf = Map.of("parent2", "parent", "clinician1", "clinician", "admin1", "admin");
        for (var e : roleOf.entrySet()) {
            JsonNode claims = accessTokenClaims(e.getKey(), e.getKey() + "-dev");
            assertTrue(values(claims.at("/realm_access/roles")).contains(e.getValue()), e.getKey());
        }
    }

    @Test
    void refusesAWrongPassword() throws Exception {
        HttpResponse<String> response = passwordGrant("parent1", "not-the-password");
        assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    void browserClientIsPublicAndRequiresPkce() throws Exception {
        String authorize = keycloak.realmUrl() + "/protocol/openid-connect/auth?client_id=supplyline-web"
                + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode("http://localhost:3000/cb", StandardCharsets.UTF_8);
        HttpResponse<String> withoutPkce = HTTP.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        // Keycloak redirects back with error=invalid_request when the S256 challenge is missing
        String location = withoutPkce.headers().firstValue("Location").orElse("");
        assertTrue(withoutPkce.statusCode() == 302 && location.contains("error=invalid_request")
                && location.contains("code_challenge"), withoutPkce.statusCode() + " " + location);
    }

    private static JsonNode accessTokenClaims(String user, String password) throws Exception {
        HttpResponse<String> response = passwordGrant(user, password);
        assertEquals(200, response.statusCode(), response.body());
        String token = JSON.readTree(response.body()).get("access_token").asText();
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static HttpResponse<String> passwordGrant(String user, String password) throws Exception {
        String form = Map.of("grant_type", "password", "client_id", "supplyline-web", "username", user,
                        "password", password).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isMissingNode()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
