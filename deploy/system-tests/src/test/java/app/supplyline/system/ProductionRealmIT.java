package app.supplyline.system;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production realm template ({@code deploy/keycloak/supplyline-realm.production.json}) in the stack's real
 * Keycloak, imported as a second realm: no demo user, no password grant for any client, and a clinician or an
 * administrator cannot sign in without a one-time code (TOTP, set up at the first sign-in) while a parent signs in
 * with the password alone; a forgotten password's e-mail link asks a clinician or an administrator for the code of
 * the device they already have before a new password, and refuses one without a device, so a mailbox alone never
 * takes over their account. Only for this check, the realm is renamed, its
 * placeholders get local values, it accepts http from this machine ({@code sslRequired} external instead of all: the
 * stack has no TLS) and mails through the stack's mail catcher (no SMTP login, no STARTTLS).
 */
class ProductionRealmIT extends AgainstTheStack {

    private static final String REALM = "supplyline-production-check";
    private static final String PASSWORD = "a-long-Passw0rd-for-the-check";

    @BeforeAll
    static void importTheProductionTemplate() throws IOException {
        Path project = Path.of(System.getProperty("supplyline.project.dir", "../..")).toAbsolutePath().normalize();
        String template = Files.readString(project.resolve("deploy/keycloak/supplyline-realm.production.json"));
        Map<String, String> placeholders = Map.of(
                "${SUPPLYLINE_WEB_ORIGIN}", stack.web(),
                "${SUPPLYLINE_BFF_CLIENT_SECRET}", UUID.randomUUID().toString(),
                "${SUPPLYLINE_ERASURE_CLIENT_SECRET}", UUID.randomUUID().toString(),
                "${SUPPLYLINE_SMTP_HOST}", "127.0.0.1",
                "${SUPPLYLINE_SMTP_PORT}", Integer.toString(stack.components().mail().port()),
                "${SUPPLYLINE_SMTP_FROM}", "no-reply@supplyline.local",
                "${SUPPLYLINE_SMTP_USER}", "nobody",
                "${SUPPLYLINE_SMTP_PASSWORD}", "nothing");
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            template = template.replace(p.getKey(), p.getValue());
        }
        assertTrue(!template.contains("${SUPPLYLINE_"), "every placeholder of the template is known to this test");
        Map<String, Object> realm = JsonPath.from(template).getMap("");
        assertEquals("all", realm.get("sslRequired"), "production requires TLS everywhere");
        realm.put("realm", REALM);
        realm.put("sslRequired", "external");
        // the stack's mail catcher speaks plain SMTP without login
        @SuppressWarnings("unchecked")
        Map<String, Object> smtp = (Map<String, Object>) realm.get("smtpServer");
        smtp.put("auth", "false");
        smtp.put("starttls", "false");
        RestAssured.given().auth().oauth2(stack.adminToken()).contentType("application/json").body(realm)
                .post(stack.keycloak() + "/admin/realms").then().statusCode(201);
    }

    @AfterAll
    static void removeIt() {
        RestAssured.given().auth().oauth2(stack.adminToken()).delete(stack.keycloak() + "/admin/realms/" + REALM)
                .then().statusCode(204);
    }

    @Test
    void theTemplateHasNoUsersAndNoClientTakesAPassword() {
        String admin = stack.adminToken();
        RestAssured.given().auth().oauth2(admin).get(stack.keycloak() + "/admin/realms/" + REALM + "/users")
                .then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
        List<Map<String, Object>> clients = RestAssured.given().auth().oauth2(admin)
                .get(stack.keycloak() + "/admin/realms/" + REALM + "/clients").then().statusCode(200)
                .extract().jsonPath().getList("");
        assertTrue(clients.stream().anyMatch(c -> "supplyline-bff".equals(c.get("clientId"))));
        assertTrue(clients.stream().noneMatch(c -> Boolean.TRUE.equals(c.get("directAccessGrantsEnabled"))),
                "password grants: " + clients.stream().filter(c -> Boolean.TRUE.equals(c.get("directAccessGrantsEnabled")))
                        .map(c -> c.get("clientId")).toList());

        String clinician = newUser("clinician");
        RestAssured.given().formParam("grant_type", "password").formParam("client_id", "supplyline-web")
                .formParam("username", clinician).formParam("password", PASSWORD)
                .post(stack.keycloak() + "/realms/" + REALM + "/protocol/openid-connect/token")
                .then().statusCode(org.hamcrest.Matchers.oneOf(400, 401))
                .body("error", org.hamcrest.Matchers.equalTo("unauthorized_client"));
    }

    @Test
    void aClinicianAndAnAdministratorMustSetUpAOneTimeCodeAndAParentSignsInWithThePassword() {
        assertOneTimeCodeAsked(newUser("clinician"), true);
        assertOneTimeCodeAsked(newUser("admin"), true);
        assertOneTimeCodeAsked(newUser("parent"), false);
    }

    @Test
    void aForgottenPasswordNeedsAClinicianOrAdministratorsOneTimeCodeAndAParentsMailboxOnly() throws Exception {
        // a clinician with a device: a wrong code gets no password form, the device's code does
        String secret = UUID.randomUUID().toString().replace("-", "");
        String clinician = newUser("clinician", secret);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = resetLinkOpened(context, clinician);
            assertThat(page.locator("input[name=otp]")).isVisible();
            page.fill("input[name=otp]", "000000".equals(code(secret)) ? "111111" : "000000");
            page.click("input[type=submit], button[type=submit]");
            assertThat(page.locator("input[name=otp]")).isVisible();
            assertThat(page.locator("input[name=password-new]")).hasCount(0);
            page.fill("input[name=otp]", code(secret));
            page.click("input[type=submit], button[type=submit]");
            assertThat(page.locator("input[name=password-new]")).isVisible();
        }
        // a clinician or an administrator without a device: the mailbox alone is refused, no device can be added
        for (String role : List.of("clinician", "admin")) {
            String unenrolled = newUser(role, null);
            try (BrowserContext context = Browsers.newContext()) {
                Page page = resetLinkOpened(context, unenrolled);
                assertThat(page.locator("body")).containsText("Ask an");
                assertThat(page.locator("input[name=password-new]")).hasCount(0);
                assertThat(page.locator("input[name=totp]")).hasCount(0);
            }
        }
        // a parent: the mailbox is enough
        String parent = newUser("parent", null);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = resetLinkOpened(context, parent);
            assertThat(page.locator("input[name=password-new]")).isVisible();
            assertThat(page.locator("input[name=otp]")).hasCount(0);
        }
    }

    /** The code the user's device shows now (RFC 6238: 30 s, 6 digits, HMAC-SHA1 over the secret's bytes). */
    private static String code(String secret) throws Exception {
        return String.format(java.util.Locale.ROOT, "%06d", new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6,
                TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1).generateOneTimePassword(
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"), Instant.now()));
    }

    /** "Forgot password?" on the sign-in page, the user's name, and the link of the mail that arrives. */
    private static Page resetLinkOpened(BrowserContext context, String user) {
        Page page = context.newPage();
        page.navigate(stack.keycloak() + "/realms/" + REALM + "/account");
        page.click("a[href*='reset-credentials']");
        page.fill("#username", user);
        page.click("input[type=submit], button[type=submit]");
        String address = user + "@example.org";
        String link = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> stack.mailLink(address, "/login-actions/action-token"), java.util.Objects::nonNull);
        page.navigate(link);
        return page;
    }

    private static Map<String, Object> password() {
        return Map.of("type", "password", "value", PASSWORD, "temporary", false);
    }

    /** A TOTP device already set up with this secret. */
    private static Map<String, Object> totp(String secret) {
        return Map.of("type", "otp", "userLabel", "phone",
                "secretData", "{\"value\":\"" + secret + "\"}",
                "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
    }

    /** Signs in on the realm's account console as a browser would; the page after the password tells. */
    private static void assertOneTimeCodeAsked(String user, boolean asked) {
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            page.navigate(stack.keycloak() + "/realms/" + REALM + "/account");
            page.fill("#username", user);
            page.fill("#password", PASSWORD);
            page.click("#kc-login");
            if (asked) {
                // Keycloak's "Mobile Authenticator Setup": a secret to scan and a code to type before going on
                assertThat(page.locator("input[name=totp]")).isVisible();
                assertThat(page.locator("#kc-totp-secret-qr-code")).isVisible();
                assertTrue(!page.url().contains("/account/"), user + " reached the account console: " + page.url());
            } else {
                try {
                    page.waitForURL(url -> url.contains("/realms/" + REALM + "/account") && !url.contains("/login-actions/")
                            && !url.contains("/protocol/openid-connect/"));
                } catch (com.microsoft.playwright.TimeoutError e) {
                    throw new AssertionError(user + " did not reach the account console: " + page.url() + "\n"
                            + page.locator("body").innerText(), e);
                }
                assertThat(page.locator("input[name=totp]")).hasCount(0);
            }
        }
    }

    private static String newUser(String role) {
        return newUser(role, null);
    }

    /**
     * A user of the check realm with one realm role, its profile complete and e-mail verified; with a one-time code
     * device already set up with {@code otpSecret} unless it is null.
     */
    private static String newUser(String role, String otpSecret) {
        String admin = stack.adminToken();
        String base = stack.keycloak() + "/admin/realms/" + REALM;
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        String location = RestAssured.given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("username", name, "enabled", true, "firstName", "Test", "lastName", name,
                        "email", name + "@example.org", "emailVerified", true,
                        "credentials", otpSecret != null ? List.of(password(), totp(otpSecret)) : List.of(password())))
                .post(base + "/users").then().statusCode(201).extract().header("Location");
        Object roleRepresentation = RestAssured.given().auth().oauth2(admin).get(base + "/roles/" + role)
                .then().statusCode(200).extract().as(Object.class);
        RestAssured.given().auth().oauth2(admin).contentType("application/json").body(List.of(roleRepresentation))
                .post(location + "/role-mappings/realm").then().statusCode(204);
        return name;
    }
}
