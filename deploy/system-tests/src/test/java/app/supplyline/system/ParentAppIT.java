package app.supplyline.system;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parent's daily loop in a real headless Chromium, against the whole stack through the web app (its BFF): sign
 * in on Keycloak's page, onboard, time a session across a reload and a new browser context, stop it with volumes; log
 * offline and sync once; the session cookie, the CSRF header, other users' ids and sign-out; the shell from the
 * service worker.
 */
class ParentAppIT extends AgainstTheStack {

    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Test
    void aNewParentRegistersWithConsentVerifiesTheMailTimesASessionAndFindsItInTodayHistoryAndTheApi() {
        String parent = "new-" + UUID.randomUUID().toString().substring(0, 8);
        String email = parent + "@example.org";
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            page.navigate(stack.web() + "/");
            page.click("#sign-up");
            page.fill("input[name=username]", parent);
            page.fill("input[name=email]", email);
            page.fill("input[name=firstName]", "Alex");
            page.fill("input[name=lastName]", "Martin");
            page.fill("input[name=password]", parent + "-Pw1!");
            page.fill("input[name=password-confirm]", parent + "-Pw1!");
            // without the consent boxes: refused, nobody is created
            page.click("input[type=submit], button[type=submit]");
            assertThat(page.locator("body")).containsText("Supplyline cannot work without this consent.");
            assertEquals(List.of(), users(parent), "no user without consent");

            page.fill("input[name=password]", parent + "-Pw1!");
            page.fill("input[name=password-confirm]", parent + "-Pw1!");
            page.check("input[name=consent_health_data][value=yes]");
            page.check("input[name=acknowledged_notice][value=yes]");
            page.click("input[type=submit], button[type=submit]");
            // the verification mail, caught by the stack's mail catcher; its link signs the new parent in
            String link = await().atMost(Duration.ofSeconds(30)).until(() -> stack.mailLink(email, "/login-actions/"), l -> l != null);
            page.navigate(link);
            page.waitForURL(stack.web() + "/**");
            onboard(page, "750");

            List<Map<String, Object>> created = users(parent);
            assertEquals(1, created.size());
            Map<?, ?> attributes = (Map<?, ?>) created.get(0).get("attributes");
            assertEquals(List.of("yes"), attributes.get("consent_health_data"), "consent recorded: " + attributes);
            assertEquals(List.of("yes"), attributes.get("acknowledged_notice"));
            assertTrue(attributes.containsKey("consent_health_data_at"), "when: " + attributes);
            assertEquals(true, created.get(0).get("emailVerified"));
            assertEquals(200, fetchStatus(page, "GET", "/api/me", null, false));
            assertEquals("parent", page.evaluate("fetch('/api/me').then(r => r.json()).then(me => me.roles.join())"));

            page.click("#start-pumping");
            assertThat(page.locator("#timer-elapsed")).isVisible();
            page.reload();
            assertThat(page.locator("#timer-elapsed")).isVisible();
            // the same storage in a new browser context (another tab after the browser restarted): still running
            String storage = context.storageState();
            try (BrowserContext again = Browsers.get().newContext(new Browser.NewContextOptions().setStorageState(storage)
                    .setTimezoneId(Journeys.MIDDAY.getId()))) {
                Page other = again.newPage();
                other.navigate(stack.web() + "/");
                assertThat(other.locator("#timer-elapsed")).isVisible();
                assertThat(other.locator("#start-pumping")).hasCount(0);
            }

            page.click("#stop-timer");
            page.fill("input[name=left]", "60");
            page.fill("input[name=right]", "55");
            page.click("sl-session-form summary");
            page.check("input[name=handsOn]");
            page.fill("input[name=pump]", "Spectra S1");
            page.fill("input[name=flangeSizeMm]", "24");
            page.click("sl-session-form button[type=submit]");
            assertThat(page.locator("#saved-note")).hasText("Saved.");
            assertThat(page.locator("#today-total")).hasText("115");
            assertThat(page.locator("#today-goal")).hasText("of 750 mL");
            assertThat(page.locator("#since-last")).containsText("Last removal ended 0 min ago");
            assertThat(page.locator("#timer-elapsed")).hasCount(0);

            JsonPath stored = io.restassured.RestAssured.given().auth().oauth2(stack.token(parent, parent + "-Pw1!"))
                    .get(stack.session() + "/api/sessions").then().statusCode(200).extract().jsonPath();
            assertEquals(1, stored.getList("items").size());
            assertEquals("PUMPING", stored.getString("items[0].type"));
            assertEquals(60f, stored.getFloat("items[0].leftMl"));
            assertEquals(55f, stored.getFloat("items[0].rightMl"));
            assertEquals(true, stored.getBoolean("items[0].handsOn"));
            assertEquals("Spectra S1", stored.getString("items[0].pump"));
            assertEquals(24f, stored.getFloat("items[0].flangeSizeMm"));
            // the next pumping starts from this setup
            page.click("#quick-entry");
            assertThat(page.locator("sl-session-form input[name=pump]")).hasValue("Spectra S1");
            assertThat(page.locator("sl-session-form input[name=flangeSizeMm]")).hasValue("24");
            assertThat(page.locator("sl-session-form input[name=handsOn]")).isChecked();
            page.click("sl-session-form button.secondary");

            page.click("a[href='#/history']");
            assertThat(page.locator("#history-list li")).hasCount(1);
            assertThat(page.locator("#history-list li .what")).hasText("115 mL");
            assertThat(page.locator("#history-list li")).hasAttribute("data-session-id", stored.getString("items[0].id"));
        }
    }

    @Test
    void sessionsLoggedOfflineAreKeptAndStoredOnceWhenTheNetworkReturnsAndRefusedOnesAreFixedOrDiscarded() {
        String parent = stack.newUser("parent");
        OffsetDateTime existing = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusHours(5);
        stack.as(parent).contentType(ContentType.JSON).body("{\"type\":\"PUMPING\",\"startedAt\":\"" + existing
                        + "\",\"endedAt\":\"" + existing.plusMinutes(20) + "\",\"leftMl\":50,\"rightMl\":50}")
                .post(stack.session() + "/api/sessions").then().statusCode(201);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = Browsers.signedInParent(context, stack.web(), parent);
            page.evaluate("navigator.serviceWorker.ready.then(() => true)");
            page.reload();
            assertTrue((Boolean) page.evaluate("!!navigator.serviceWorker.controller"), "the service worker controls the page");
            page.click("#start-nursing");

            context.setOffline(true);
            List<OffsetDateTime> starts = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                starts.add(existing.minusHours(3L * i));
            }
            starts.add(existing.plusMinutes(5)); // overlaps the stored session
            starts.add(existing.plusMinutes(10)); // so does this one
            for (OffsetDateTime start : starts) {
                page.click("#quick-entry");
                page.fill("input[name=startedAt]", LOCAL_INPUT.format(LocalDateTime.ofInstant(start.toInstant(), Journeys.MIDDAY)));
                page.fill("input[name=left]", "40");
                page.fill("input[name=right]", "30");
                page.click("sl-session-form button[type=submit]");
                assertThat(page.locator("#saved-note")).hasText("Kept on this device; it will be sent when the network is back.");
            }
            // the timer started online runs on through an offline reload, and stops offline
            page.reload();
            assertThat(page.locator("#offline-badge")).isVisible();
            assertThat(page.locator("#timer-elapsed")).isVisible();
            page.click("#stop-timer");
            page.selectOption("select[name=side]", "LEFT");
            page.click("sl-session-form button[type=submit]");
            assertThat(page.locator("#saved-note")).hasText("Kept on this device; it will be sent when the network is back.");
            assertThat(page.locator("sl-pending li[data-state=PENDING]")).hasCount(6);

            context.setOffline(false);
            // the app retries by itself while something waits (a browser may not tell it that the network is back)
            assertThat(page.locator("sl-pending li[data-state=REFUSED]"))
                    .hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(20_000));
            assertThat(page.locator("sl-pending li")).hasCount(2);
            assertThat(page.locator("sl-pending .refusal").first()).containsText("overlaps pumping session");

            JsonPath stored = stack.as(parent).get(stack.session() + "/api/sessions?limit=500").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(5, stored.getList("items").size(), "the stored one, three logged offline and the timed one, once each");
            for (OffsetDateTime start : starts.subList(0, 3)) {
                assertEquals(1, stored.getList("items.startedAt", String.class).stream()
                        .filter(s -> OffsetDateTime.parse(s).isEqual(start)).count(), "stored once: " + start);
            }
            assertEquals(1, stored.getList("items.side", String.class).stream().filter("LEFT"::equals).count(), "the timed nursing");

            // a refused one is fixed (another start) and stored; the other is discarded and stays unstored
            page.locator("sl-pending li[data-state=REFUSED]").first().locator("button.secondary").click();
            OffsetDateTime fixed = existing.plusHours(2);
            page.fill("sl-pending input[name=startedAt]", LOCAL_INPUT.format(LocalDateTime.ofInstant(fixed.toInstant(), Journeys.MIDDAY)));
            page.click("sl-pending sl-session-form button[type=submit]");
            assertThat(page.locator("sl-pending li")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(20_000));
            page.click("sl-pending button.danger");
            assertThat(page.locator("sl-pending li")).hasCount(0);
            JsonPath after = stack.as(parent).get(stack.session() + "/api/sessions?limit=500").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(6, after.getList("items").size());
            assertEquals(1, after.getList("items.startedAt", String.class).stream()
                    .filter(s -> OffsetDateTime.parse(s).isEqual(fixed)).count(), "the fixed one, once");
        }
    }

    @Test
    void theSessionCookieIsHttpOnlyWritesNeedTheCsrfHeaderOthersIdsAre404AndSignOutEndsTheSession() {
        String parent = stack.newUser("parent");
        String other = stack.newUser("parent");
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusHours(2);
        String othersSession = stack.as(other).contentType(ContentType.JSON).body("{\"type\":\"NURSING\",\"startedAt\":\""
                        + start + "\",\"endedAt\":\"" + start.plusMinutes(15) + "\",\"side\":\"LEFT\"}")
                .post(stack.session() + "/api/sessions").then().statusCode(201).extract().path("id");
        try (BrowserContext context = Browsers.newContext()) {
            Page page = Browsers.signedInParent(context, stack.web(), parent);

            Cookie session = context.cookies(stack.web()).stream().filter(c -> c.name.equals("q_session")).findFirst()
                    .orElseThrow(() -> new AssertionError("no session cookie: " + context.cookies()));
            assertTrue(session.httpOnly, "HttpOnly");
            assertEquals(SameSiteAttribute.LAX, session.sameSite);
            assertFalse((Boolean) page.evaluate("document.cookie.includes('q_session')"), "not readable by the page");

            String body = "{\"type\":\"NURSING\",\"startedAt\":\"" + start.minusHours(3) + "\",\"endedAt\":\""
                    + start.minusHours(3).plusMinutes(10) + "\",\"side\":\"RIGHT\"}";
            assertEquals(403, fetchStatus(page, "POST", "/api/sessions", body, false));
            assertEquals(0, stack.as(parent).get(stack.session() + "/api/sessions").then().statusCode(200).extract()
                    .jsonPath().getList("items").size(), "nothing stored without the CSRF header");
            assertEquals(201, fetchStatus(page, "POST", "/api/sessions", body, true));

            assertEquals(404, fetchStatus(page, "GET", "/api/sessions/" + othersSession, null, false));
            // nothing but the services' own APIs is reachable through the app
            assertEquals(404, fetchStatus(page, "GET", "/api/admin/rebuild", null, false));
            assertEquals(404, fetchStatus(page, "GET", "/api/sessions/..%2f..%2fq/health", null, false));
            assertEquals(404, fetchStatus(page, "GET", "/api/sessions%2f..%2f..%2fq%2fhealth", null, false));
            assertEquals(404, fetchStatus(page, "DELETE", "/api/sessions/" + othersSession, null, true));
            stack.as(other).get(stack.session() + "/api/sessions/" + othersSession).then().statusCode(200);
            assertEquals(200, fetchStatus(page, "GET", "/api/me", null, false));

            page.click("#sign-out");
            page.waitForURL(stack.web() + "/**");
            assertThat(page.locator("#sign-in")).isVisible();
            // the old cookie, replayed by another browser, is refused
            try (BrowserContext replay = Browsers.newContext()) {
                replay.addCookies(List.of(session));
                Page thief = replay.newPage();
                thief.navigate(stack.web() + "/");
                assertEquals(401, fetchStatus(thief, "GET", "/api/me", null, false));
                assertEquals(401, fetchStatus(thief, "GET", "/api/sessions", null, false));
            }
            // and Keycloak's session of the app is gone (the password grants of this test's API checks have their own)
            String admin = stack.adminToken();
            Object id = users(parent).get(0).get("id");
            await().atMost(Duration.ofSeconds(10)).until(() -> io.restassured.RestAssured.given().auth().oauth2(admin)
                    .get(stack.keycloak() + "/admin/realms/supplyline/users/" + id + "/sessions").then().statusCode(200)
                    .extract().jsonPath().getList("clients", java.util.Map.class).stream()
                    .noneMatch(clients -> clients.containsValue("supplyline-bff")));
        }
    }

    @Test
    void aRepeatVisitLoadsTheShellFromTheServiceWorkerWhichOpensTheAppOfflineAndNeverAnswersForTheApi() {
        String parent = stack.newUser("parent");
        try (BrowserContext context = Browsers.newContext()) {
            Page page = Browsers.signedInParent(context, stack.web(), parent);
            page.evaluate("navigator.serviceWorker.ready.then(() => true)");

            List<Response> seen = new ArrayList<>();
            page.onResponse(seen::add);
            page.navigate(stack.web() + "/");
            assertThat(page.locator("#start-pumping")).isVisible();
            List<Response> shell = seen.stream().filter(r -> !r.url().contains("/api/")).toList();
            assertTrue(shell.stream().anyMatch(r -> r.url().equals(stack.web() + "/")), "the page itself: " + urls(shell));
            assertTrue(shell.stream().anyMatch(r -> r.url().contains("/static/bundle/")), "the bundle: " + urls(shell));
            for (Response r : shell) {
                assertTrue(r.fromServiceWorker(), "from the service worker: " + r.url());
            }
            List<Response> api = seen.stream().filter(r -> r.url().contains("/api/")).toList();
            assertFalse(api.isEmpty(), "the app read its data");
            for (Response r : api) {
                assertFalse(r.fromServiceWorker(), "health data never comes from the service worker's cache: " + r.url());
            }

            // installable: a manifest whose icons (192 and 512 px PNG, and a maskable one) are served
            JsonPath manifest = JsonPath.from(page.request().get(stack.web() + "/manifest.webmanifest").text());
            assertEquals("standalone", manifest.getString("display"));
            assertEquals("/", manifest.getString("start_url"));
            List<String> sizes = manifest.getList("icons.sizes", String.class);
            assertTrue(sizes.contains("192x192") && sizes.contains("512x512"), "icons: " + sizes);
            for (String icon : manifest.getList("icons.src", String.class)) {
                com.microsoft.playwright.APIResponse answer = page.request().get(stack.web() + icon);
                assertEquals(200, answer.status(), icon);
                assertTrue(answer.headers().get("content-type").startsWith("image/"), icon + ": " + answer.headers());
            }

            // without a network, the cached shell opens the app (page and bundle from the cache, not the server)
            context.setOffline(true);
            page.reload();
            assertThat(page.locator("#offline-badge")).isVisible();
            assertThat(page.locator("#start-pumping")).isVisible();
        }
    }

    @Test
    void aSessionWhoseAnswerIsLostIsSentAgainWithItsClientIdAndStoredOnce() {
        String parent = stack.newUser("parent");
        try (BrowserContext context = Browsers.newContext()) {
            Page page = Browsers.signedInParent(context, stack.web(), parent);
            // the first batch reaches the server, which stores the session; its answer never reaches the page
            java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
            List<String> clientIds = java.util.Collections.synchronizedList(new ArrayList<>());
            page.route("**/api/sessions/batch", route -> {
                clientIds.add(JsonPath.from(route.request().postData()).getString("items[0].clientId"));
                if (batches.getAndIncrement() == 0) {
                    route.fetch();
                    route.abort("connectionreset");
                } else {
                    route.resume();
                }
            });
            OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusHours(4);
            page.click("#quick-entry");
            page.fill("input[name=startedAt]", LOCAL_INPUT.format(LocalDateTime.ofInstant(start.toInstant(), Journeys.MIDDAY)));
            page.fill("input[name=left]", "70");
            page.click("sl-session-form button[type=submit]");
            assertThat(page.locator("#saved-note")).hasText("Kept on this device; it will be sent when the network is back.");
            assertEquals(1, stored(parent), "the server has it although the page does not know");

            // the app retries by itself: the same clientId, and the server answers with what it stored
            assertThat(page.locator("sl-pending li")).hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(20_000));
            assertTrue(batches.get() >= 2, "sent again: " + batches.get());
            assertEquals(1, new java.util.HashSet<>(clientIds).size(), "one clientId for every try: " + clientIds);
            assertEquals(1, stored(parent), "stored once");
        }
    }

    @Test
    void parallelCallsThatRefreshTheTokenKeepTheParentSignedIn() {
        String parent = stack.newUser("parent");
        String admin = stack.adminToken();
        Object lifespan = io.restassured.RestAssured.given().auth().oauth2(admin)
                .get(stack.keycloak() + "/admin/realms/supplyline").then().statusCode(200).extract().path("accessTokenLifespan");
        try (BrowserContext context = Browsers.newContext()) {
            // tokens of 30 s: within the refresh skew (60 s), every call refreshes the token
            io.restassured.RestAssured.given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("accessTokenLifespan", 30)).put(stack.keycloak() + "/admin/realms/supplyline").then().statusCode(204);
            Page page = Browsers.signedInParent(context, stack.web(), parent);
            for (int round = 0; round < 5; round++) {
                Object statuses = page.evaluate("Promise.all(['/api/me', '/api/sessions?limit=1', '/api/reminders/next',"
                        + " '/api/profile'].map(p => fetch(p).then(r => r.status)))");
                assertEquals(List.of(200, 200, 200, 200), statuses, "round " + round);
            }
            page.reload();
            assertThat(page.locator("#start-pumping")).isVisible();
            assertEquals(200, fetchStatus(page, "GET", "/api/me", null, false));
        } finally {
            io.restassured.RestAssured.given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(Map.of("accessTokenLifespan", lifespan)).put(stack.keycloak() + "/admin/realms/supplyline")
                    .then().statusCode(204);
        }
    }

    @Test
    void anEditMadeStaleByAnotherDeviceShowsTheNewerVersionAndADeleteRemovesTheSession() {
        String parent = stack.newUser("parent");
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).minusHours(6);
        String id = stack.as(parent).contentType(ContentType.JSON).body("{\"type\":\"PUMPING\",\"startedAt\":\"" + start
                        + "\",\"endedAt\":\"" + start.plusMinutes(20) + "\",\"leftMl\":60.5,\"rightMl\":40,\"notes\":\"after the bath\"}")
                .post(stack.session() + "/api/sessions").then().statusCode(201).extract().path("id");
        // 24 older sessions: History shows 20, newest first, and the rest on "Show older"
        StringBuilder older = new StringBuilder("{\"items\":[");
        for (int i = 1; i <= 24; i++) {
            OffsetDateTime s = start.minusHours(3L * i);
            older.append(i == 1 ? "" : ",").append("{\"clientId\":\"older-").append(i).append("\",\"type\":\"NURSING\",\"startedAt\":\"")
                    .append(s).append("\",\"endedAt\":\"").append(s.plusMinutes(15)).append("\",\"side\":\"BOTH\"}");
        }
        stack.as(parent).contentType(ContentType.JSON).body(older.append("]}").toString())
                .post(stack.session() + "/api/sessions/batch").then().statusCode(200);
        try (BrowserContext context = Browsers.newContext()) {
            Page page = Browsers.signedInParent(context, stack.web(), parent);
            page.click("a[href='#/history']");
            assertThat(page.locator("#history-list li")).hasCount(20);
            assertThat(page.locator("#history-list li").first()).hasAttribute("data-session-id", id);
            page.click("#more");
            assertThat(page.locator("#history-list li")).hasCount(25);
            assertThat(page.locator("#more")).hasCount(0);
            page.click("li[data-session-id='" + id + "'] button.edit");
            // meanwhile another device corrects it (version 2)
            stack.as(parent).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body("{\"type\":\"PUMPING\",\"startedAt\":\"" + start + "\",\"endedAt\":\"" + start.plusMinutes(20)
                            + "\",\"leftMl\":80,\"rightMl\":40,\"notes\":\"after the bath\"}")
                    .put(stack.session() + "/api/sessions/" + id).then().statusCode(200);
            page.fill("li[data-session-id='" + id + "'] input[name=right]", "45");
            page.click("li[data-session-id='" + id + "'] sl-session-form button[type=submit]");
            assertThat(page.locator("#conflict-note")).containsText("changed elsewhere");
            assertThat(page.locator("li[data-session-id='" + id + "'] input[name=left]")).hasValue("80");
            assertThat(page.locator("li[data-session-id='" + id + "'] input[name=right]")).hasValue("40");
            assertEquals(80f, stack.as(parent).get(stack.session() + "/api/sessions/" + id).then().statusCode(200)
                    .extract().jsonPath().getFloat("leftMl"), "the stale edit changed nothing");

            // saved again on the newer version: only the right side changes; the notes the form does not show stay
            page.fill("li[data-session-id='" + id + "'] input[name=right]", "45");
            page.click("li[data-session-id='" + id + "'] sl-session-form button[type=submit]");
            assertThat(page.locator("li[data-session-id='" + id + "'] .what")).hasText("125 mL");
            JsonPath saved = stack.as(parent).get(stack.session() + "/api/sessions/" + id).then().statusCode(200).extract().jsonPath();
            assertEquals(3, saved.getInt("version"));
            assertEquals(80f, saved.getFloat("leftMl"));
            assertEquals(45f, saved.getFloat("rightMl"));
            assertEquals("after the bath", saved.getString("notes"));
            assertEquals(start.toInstant(), OffsetDateTime.parse(saved.getString("startedAt")).toInstant());

            page.click("li[data-session-id='" + id + "'] button.delete");
            page.click("li[data-session-id='" + id + "'] button.confirm-delete");
            assertThat(page.locator("li[data-session-id='" + id + "']")).hasCount(0);
            stack.as(parent).get(stack.session() + "/api/sessions/" + id).then().statusCode(404);
        }
    }

    private static int stored(String parent) {
        return stack.as(parent).get(stack.session() + "/api/sessions?limit=500").then().statusCode(200).extract()
                .jsonPath().getList("items").size();
    }

    @Test
    void aForgottenPasswordIsResetThroughTheMailedLink() {
        String parent = stack.newUser("parent");
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            page.navigate(stack.web() + "/");
            page.click("#sign-in");
            page.click("a[href*='reset-credentials']");
            page.fill("input[name=username]", parent);
            page.click("input[type=submit], button[type=submit]");
            String link = await().atMost(Duration.ofSeconds(30))
                    .until(() -> stack.mailLink(parent + "@example.org", "/login-actions/action-token"), l -> l != null);
            page.navigate(link);
            page.fill("input[name=password-new]", "A-new-passw0rd!");
            page.fill("input[name=password-confirm]", "A-new-passw0rd!");
            page.click("input[type=submit], button[type=submit]");
            page.waitForURL(stack.web() + "/**");
            assertThat(page.locator("#onboarding-save")).isVisible();
        }
        // the old password no longer works, the new one does
        io.restassured.RestAssured.given().formParam("grant_type", "password").formParam("client_id", "supplyline-web")
                .formParam("username", parent).formParam("password", parent + "-dev")
                .post(stack.keycloak() + "/realms/supplyline/protocol/openid-connect/token").then().statusCode(401);
        stack.token(parent, "A-new-passw0rd!");
    }

    private static List<Map<String, Object>> users(String username) {
        return io.restassured.RestAssured.given().auth().oauth2(stack.adminToken()).queryParam("username", username)
                .queryParam("exact", true).get(stack.keycloak() + "/admin/realms/supplyline/users").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    /** The onboarding form with the browser's timezone; {@code goal} in mL, or empty. */
    private static void onboard(Page page, String goal) {
        assertThat(page.locator("#onboarding-save")).isVisible();
        if (!goal.isEmpty()) {
            page.fill("input[name=dailyGoal]", goal);
        }
        page.click("#onboarding-save");
        assertThat(page.locator("#start-pumping")).isVisible();
    }

    /** A fetch from the page (same origin, the session cookie); the CSRF header only when asked. */
    private static int fetchStatus(Page page, String method, String path, String body, boolean csrf) {
        Object status = page.evaluate("([method, path, body, csrf]) => fetch(path, {method, body: body || undefined, "
                + "headers: Object.assign({'Content-Type': 'application/json'}, csrf ? {'X-Supplyline-CSRF': '1'} : {})})"
                + ".then(r => r.status)", List.of(method, path, body == null ? "" : body, csrf));
        return ((Number) status).intValue();
    }

    private static List<String> urls(List<Response> responses) {
        return responses.stream().map(Response::url).toList();
    }
}
