package app.supplyline.system;

import app.supplyline.local.LocalStack;
import app.supplyline.local.Ports;
import app.supplyline.local.StackSettings;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole stack of deploy/local, started once per test JVM on free ports with a fresh data directory (the
 * PostgreSQL and Keycloak caches are shared with the developer's), stopped when the JVM ends. Tokens come from the
 * real Keycloak (password grant of the dev realm's public client), as a browser's would after login.
 */
public final class SystemStack {

    private static SystemStack instance;

    private final StackSettings settings;
    private final LocalStack stack;
    private final java.util.concurrent.ConcurrentHashMap<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private SystemStack(StackSettings settings) {
        this.settings = settings;
        this.stack = new LocalStack(settings);
    }

    public static synchronized SystemStack get() {
        if (instance == null) {
            Path project = Path.of(System.getProperty("supplyline.project.dir", "../..")).toAbsolutePath().normalize();
            Path data;
            try {
                data = Files.createTempDirectory("supplyline-system-tests");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            instance = startOnFreePorts(project, data);
        }
        return instance;
    }

    /**
     * Starts the stack on ports picked now; when one of them was taken meanwhile (another process on a shared
     * machine), picks again, at most three times. Any other failure fails at once.
     */
    private static SystemStack startOnFreePorts(Path project, Path data) {
        for (int attempt = 1; ; attempt++) {
            StackSettings settings = new StackSettings(data, StackSettings.defaultCacheDir(), project,
                    Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(),
                    Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort());
            SystemStack s = new SystemStack(settings);
            s.stack.withEnvironment("notification-service", Map.of("JDK_JAVA_OPTIONS",
                    "-Djdk.net.hosts.file=" + hostsFile(data) + " -Dsun.net.inetaddr.ttl=0 -Dsun.net.inetaddr.negative.ttl=0"));
            try {
                s.stack.start(true);
            } catch (Ports.PortTakenException e) {
                if (attempt == 3) {
                    throw e;
                }
                System.err.println("SystemStack: " + e.getMessage() + " Picking other ports.");
                continue;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(s.stack::stopAll, "system-tests-stack-stop"));
            return s;
        }
    }

    /**
     * The first link in the newest mail to {@code address} (caught by the stack's mail catcher) whose URL contains
     * {@code part}, or null.
     */
    public String mailLink(String address, String part) {
        List<app.supplyline.local.LocalMailServer.Mail> mails = stack.mail().mailsTo(address);
        if (mails.isEmpty()) {
            return null;
        }
        // quoted-printable: soft line breaks and "=" encoded
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://[^\\s\"<>]+").matcher(
                mails.get(mails.size() - 1).body().replace("=\r\n", "").replace("=\n", "").replace("=3D", "="));
        while (m.find()) {
            if (m.group().contains(part)) {
                return m.group().replace("&amp;", "&");
            }
        }
        return null;
    }

    /** A push service's name that resolves to this machine (notification-service's hosts file): DNS rebinding. */
    public static final String REBOUND_HOST = "rebound.supplyline.test";

    /**
     * notification-service resolves names from this file only (the JDK's hosts-file resolver): localhost, this
     * machine's name and {@link #REBOUND_HOST}, all to loopback. No DNS: no name under test can reach another host.
     */
    private static Path hostsFile(Path data) {
        String hostName;
        try {
            hostName = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            hostName = "localhost";
        }
        Path file = data.resolveSibling(data.getFileName() + "-hosts");
        try {
            Files.writeString(file, "127.0.0.1 localhost " + hostName + " " + REBOUND_HOST + "\n::1 localhost\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The running stack, for fault tests (stopping and starting the broker). */
    public LocalStack components() {
        return stack;
    }

    public String session() {
        return "http://localhost:" + settings.sessionPort();
    }

    public String analytics() {
        return "http://localhost:" + settings.analyticsPort();
    }

    public String notification() {
        return "http://localhost:" + settings.notificationPort();
    }

    public String push() {
        return "http://localhost:" + settings.pushPort();
    }

    /** The web app (and its /api for the browser). */
    public String web() {
        return "http://localhost:" + settings.webPort();
    }

    public String keycloak() {
        return "http://localhost:" + settings.keycloakPort();
    }

    /** An access token of a demo user of the dev realm (password {@code <user>-dev}), from Keycloak itself. */
    public String token(String user) {
        return token(user, user + "-dev");
    }

    /** An access token of a user of the realm, by password (the dev realm's public client). */
    public String token(String user, String password) {
        return RestAssured.given().formParam("grant_type", "password")
                .formParam("client_id", "supplyline-web").formParam("username", user).formParam("password", password)
                .formParam("scope", "openid")
                .post(keycloak() + "/realms/supplyline/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** A token of Keycloak's own administrator (master realm), for the admin API. */
    public String adminToken() {
        return RestAssured.given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(keycloak() + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /**
     * A new user of the realm with one realm role (password {@code <name>-dev}), made through Keycloak's admin API,
     * so that a journey starts from a user with no data.
     */
    public String newUser(String role) {
        String admin = adminToken();
        String name = role + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String location = RestAssured.given().auth().oauth2(admin).contentType("application/json")
                .body(java.util.Map.of("username", name, "enabled", true, "firstName", "Test", "lastName", name,
                        "email", name + "@example.org", "emailVerified", true,
                        "credentials", java.util.List.of(java.util.Map.of("type", "password", "value", name + "-dev",
                                "temporary", false))))
                .post(keycloak() + "/admin/realms/supplyline/users").then().statusCode(201).extract().header("Location");
        Object roleRepresentation = RestAssured.given().auth().oauth2(admin)
                .get(keycloak() + "/admin/realms/supplyline/roles/" + role).then().statusCode(200).extract().as(Object.class);
        RestAssured.given().auth().oauth2(admin).contentType("application/json").body(java.util.List.of(roleRepresentation))
                .post(location + "/role-mappings/realm").then().statusCode(204);
        return name;
    }

    /**
     * A request carrying the user's token. Tokens are reused until 30 s before they expire: one login per user, as
     * a browser would, and no burst of parallel logins that the realm's brute-force protection would take for an
     * attack.
     */
    public RequestSpecification as(String user) {
        String token = tokens.compute(user, (u, held) -> held != null && !expiresSoon(held) ? held : token(u));
        return RestAssured.given().auth().oauth2(token);
    }

    private static boolean expiresSoon(String jwt) {
        String claims = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        long exp = io.restassured.path.json.JsonPath.from(claims).getLong("exp");
        return java.time.Instant.ofEpochSecond(exp).minusSeconds(30).isBefore(java.time.Instant.now());
    }
}
