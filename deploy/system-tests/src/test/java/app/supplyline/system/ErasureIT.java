package app.supplyline.system;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A parent is forgotten (ADR-010): a parent with sessions and notes, a check-in, an offline sync, two phones, a
 * consent and alerts to their clinician deletes their account. Afterwards nothing of theirs comes back through any
 * API of any service, their Keycloak user is gone, a scan of every table of the three databases and of every record
 * of every topic finds none of their notes, name, e-mail or birth date in clear, a rebuild brings nothing back, and
 * another parent's data and trend are what they were.
 */
class ErasureIT extends AgainstTheStack {

    static final ZoneId ZONE = Journeys.MIDDAY;

    @Test
    void anErasedParentIsGoneFromEveryServiceTableAndTopic() throws Exception {
        String parent = stack.newUser("parent");
        String other = stack.newUser("parent");
        String clinician = stack.newUser("clinician");
        String parentId = journeys.subject(parent);
        String secret = "erasure-" + UUID.randomUUID();
        List<String> personal = List.of(secret + " session note", secret + " sync note", secret + " check-in note",
                "Test " + parent, parent + "@example.org");
        LocalDate birth = LocalDate.now(ZONE).minusDays(251);

        stack.as(parent).contentType(ContentType.JSON).body(Map.of("timezone", ZONE.getId(), "preferredUnit", "ML",
                "babyBirthDate", birth.toString())).put(stack.session() + "/api/profile").then().statusCode(200);
        journeys.phone(parent);
        journeys.phone(parent);
        String clinicianPhone = journeys.phone(clinician);
        String cohortId = journeys.consent(parent, clinician);
        journeys.supplyDrop(parent, ZONE, "erased-");
        Instant noon = LocalDate.now(ZONE).atTime(12, 0).atZone(ZONE).toInstant();
        stack.as(parent).contentType(ContentType.JSON).header("Idempotency-Key", "phone-" + UUID.randomUUID())
                .body(Map.of("type", "NURSING", "startedAt", noon.minus(Duration.ofHours(2)).toString(),
                        "endedAt", noon.minus(Duration.ofMinutes(100)).toString(), "side", "LEFT",
                        "notes", personal.get(0))).post(stack.session() + "/api/sessions").then().statusCode(201);
        stack.as(parent).contentType(ContentType.JSON).body(Map.of("items", List.of(Map.of("clientId", "sync-1",
                        "type", "NURSING", "startedAt", noon.minus(Duration.ofHours(4)).toString(),
                        "endedAt", noon.minus(Duration.ofMinutes(220)).toString(), "side", "RIGHT",
                        "notes", personal.get(1)))))
                .post(stack.session() + "/api/sessions/batch").then().statusCode(200).body("results[0].status", org.hamcrest.Matchers.equalTo(201));
        stack.as(parent).contentType(ContentType.JSON).body(Map.of("date", LocalDate.now(ZONE).minusDays(1).toString(),
                "sleepHours", 5, "stress", 4, "notes", personal.get(2))).post(stack.session() + "/api/check-ins")
                .then().statusCode(201);

        journeys.profile(other, ZONE);
        journeys.pumpingDays(other, ZONE, 14, 1, 8, d -> 50, "kept-");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> journeys.inbox(clinician, "CLINICIAN_ALERT").size() == 1
                        && journeys.pushes(clinicianPhone, "CLINICIAN_ALERT").size() == 1
                        && journeys.trend(other).getInt("regularDays") > 0);
        String otherTrend = trendDays(other);
        // the clinician looks: the patient list, and the alert they opened in their inbox, are in the access log
        stack.as(clinician).get(stack.analytics() + "/api/cohorts/" + cohortId + "/patients").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.as(parent)
                .get(stack.analytics() + "/api/consents/" + cohortId + "/access-log").then().statusCode(200).extract()
                .jsonPath().getList("items.resource").containsAll(List.of("alert", "patient-list")));

        // the erasure, from the app just signed in to (a token's auth_time comes with a sign-in on Keycloak's page);
        // the API checks after it use a token taken before, which the services accept until it expires
        String token = stack.token(parent, parent + "-dev");
        try (BrowserContext context = Browsers.newContext()) {
            Page page = context.newPage();
            Browsers.signIn(page, stack.web(), parent, parent + "-dev");
            Object status = page.evaluate("fetch('/api/me', {method: 'DELETE', headers: {'X-Supplyline-CSRF': '1'}})"
                    + ".then(r => r.status)");
            assertEquals(204, ((Number) status).intValue());
        }

        String admin = stack.adminToken();
        await().atMost(Duration.ofSeconds(30)).until(() -> RestAssured.given().auth().oauth2(admin)
                .get(stack.keycloak() + "/admin/realms/supplyline/users/" + parentId).then().extract().statusCode() == 404);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                RestAssured.given().auth().oauth2(token).get(stack.notification() + "/api/notifications").then()
                        .extract().jsonPath().getList("items").isEmpty()
                        && journeys.inbox(clinician, "CLINICIAN_ALERT").isEmpty());
        nothingThroughTheApis(token, parentId);
        nothingForTheClinician(clinician, cohortId, parentId);
        nothingInClear(parentId, personal, birth);

        // a rebuild replays the topic: the parent's events have no key any more and stay out
        String adminUser = stack.token("admin1");
        RestAssured.given().auth().oauth2(adminUser).post(stack.analytics() + "/api/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> "DONE".equals(
                RestAssured.given().auth().oauth2(adminUser).get(stack.analytics() + "/api/admin/rebuild").then()
                        .statusCode(200).extract().path("state")));
        assertEquals(0, rowsAbout("analytics", parentId, "erased_parent"),
                "nothing of the parent in analytics after the rebuild");
        nothingForTheClinician(clinician, cohortId, parentId);
        assertEquals(otherTrend, trendDays(other), "the other parent's trend is what it was");
    }

    /**
     * In the app: Settings offers the export and a confirmed deletion; signing in again (as the service asks when
     * the sign-in is old) goes through Keycloak's password page even within its session and comes back to Settings;
     * after the deletion the browser is signed out, told so, and the account cannot sign in any more.
     */
    @Test
    void aParentDeletesTheirAccountInTheApp() {
        String parent = stack.newUser("parent");
        try (BrowserContext context = Browsers.newContext()) {
            Page page = Browsers.signedInParent(context, stack.web(), parent);
            String parentId = (String) page.evaluate("fetch('/api/me').then(r => r.json()).then(me => me.subject)");
            page.navigate(stack.web() + "/#/settings");
            assertThat(page.locator("#export-json")).isVisible();
            assertThat(page.locator("#delete-account-button")).isDisabled();

            // signing in again, as the app does after the service asked for it
            page.evaluate("sessionStorage.setItem('supplyline.after-sign-in', 'delete-account')");
            page.navigate(stack.web() + "/reauthenticate");
            page.fill("#password", parent + "-dev");
            page.click("#kc-login");
            page.waitForURL(stack.web() + "/**");
            assertThat(page.locator("#delete-signed-in-again")).isVisible();
            assertTrue(page.url().endsWith("#/settings"), page.url());

            page.check("#delete-understood");
            page.click("#delete-account-button");
            page.waitForURL("**/?account=deleted**");
            assertThat(page.locator("#account-deleted")).isVisible();
            assertThat(page.locator("#sign-in")).isVisible();
            String admin = stack.adminToken();
            await().atMost(Duration.ofSeconds(30)).until(() -> RestAssured.given().auth().oauth2(admin)
                    .get(stack.keycloak() + "/admin/realms/supplyline/users/" + parentId).then().extract()
                    .statusCode() == 404);
            page.click("#sign-in");
            page.fill("#username", parent);
            page.fill("#password", parent + "-dev");
            page.click("#kc-login");
            assertThat(page.locator("#input-error, .kc-feedback-text, #kc-content-wrapper .alert-error").first())
                    .isVisible();
        }
    }

    private void nothingThroughTheApis(String token, String parentId) throws SQLException {
        RestAssured.given().auth().oauth2(token).get(stack.session() + "/api/sessions").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));
        RestAssured.given().auth().oauth2(token).get(stack.session() + "/api/check-ins").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));
        RestAssured.given().auth().oauth2(token).get(stack.session() + "/api/profile").then().statusCode(200)
                .body("version", org.hamcrest.Matchers.equalTo(0));
        RestAssured.given().auth().oauth2(token).get(stack.analytics() + "/api/consents").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));
        RestAssured.given().auth().oauth2(token).get(stack.analytics() + "/api/trends/me").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("INSUFFICIENT_DATA"))
                .body("days.findAll { it.totalMl > 0 }.size()", org.hamcrest.Matchers.equalTo(0));
        RestAssured.given().auth().oauth2(token).get(stack.notification() + "/api/push/subscriptions").then()
                .statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
        // the journal keeps the parent's events, sealed under a key nobody has; erasure keeps the fact, by id
        assertEquals(0, rowsAbout("session", parentId, "journal_event", "journal_stream", "erasure"));
        // analytics and notification keep the erasure by id (erased_parent), so that nothing of theirs comes back
        assertEquals(0, rowsAbout("notification", parentId, "erased_parent"));
    }

    private void nothingForTheClinician(String clinician, String cohortId, String parentId) {
        stack.as(clinician).get(stack.analytics() + "/api/cohorts/" + cohortId + "/patients").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));
        assertTrue(journeys.inbox(clinician, "CLINICIAN_ALERT").isEmpty());
        stack.as(clinician).get(stack.analytics() + "/api/cohorts/" + cohortId + "/patients/" + parentId + "/trends")
                .then().statusCode(404);
    }

    private String trendDays(String user) {
        return stack.as(user).get(stack.analytics() + "/api/trends/me?days=28").then().statusCode(200).extract()
                .jsonPath().getList("days").toString();
    }

    /**
     * Every row of every table of the three databases, and every record of every topic, as raw text: none holds
     * the parent's notes, name or e-mail, and none about the parent (with their id) holds their birth date.
     */
    private void nothingInClear(String parentId, List<String> personal, LocalDate birth) throws SQLException {
        List<String> found = new ArrayList<>();
        for (String service : List.of("session", "analytics", "notification")) {
            try (Connection db = connect(service); Statement st = db.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                assertTrue(tables.size() > 5, service + " tables: " + tables);
                for (String table : tables) {
                    try (ResultSet rs = st.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                        while (rs.next()) {
                            String row = rs.getString(1);
                            for (String text : personal) {
                                if (row.contains(text)) {
                                    found.add(service + "." + table + " holds \"" + text + "\": " + row);
                                }
                            }
                            if (row.contains(parentId) && row.contains(birth.toString())) {
                                found.add(service + "." + table + " holds the birth date: " + row);
                            }
                        }
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.columns"
                        + " WHERE table_schema = 'public' AND column_name = 'baby_birth_date'")) {
                    List<String> withBirth = new ArrayList<>();
                    while (rs.next()) {
                        withBirth.add(rs.getString(1));
                    }
                    for (String table : withBirth) {
                        try (Statement q = db.createStatement(); ResultSet n = q.executeQuery("SELECT count(*) FROM \""
                                + table + "\" WHERE baby_birth_date = '" + birth + "'")) {
                            n.next();
                            if (n.getLong(1) > 0) {
                                found.add(service + "." + table + " holds the birth date");
                            }
                        }
                    }
                }
            }
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.components().kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics().forEach((topic, infos) -> {
                if (!topic.startsWith("__")) {
                    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
            });
            assertTrue(partitions.stream().anyMatch(p -> p.topic().equals("supplyline.keys.v1")), partitions.toString());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant until = Instant.now().plusSeconds(60);
            long read = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue(Instant.now().isBefore(until), "the topics are read within a minute");
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    StringBuilder raw = new StringBuilder();
                    raw.append(text(r.key())).append(' ').append(text(r.value()));
                    for (Header h : r.headers()) {
                        raw.append(' ').append(text(h.value()));
                    }
                    for (String text : personal) {
                        if (raw.indexOf(text) >= 0) {
                            found.add(r.topic() + "-" + r.partition() + "@" + r.offset() + " holds \"" + text + "\"");
                        }
                    }
                    if (raw.indexOf(parentId) >= 0 && raw.indexOf(birth.toString()) >= 0) {
                        found.add(r.topic() + "-" + r.partition() + "@" + r.offset() + " holds the birth date");
                    }
                }
            }
            assertTrue(read > 100, "records read: " + read);
        }
        assertEquals(List.of(), found);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The rows with the parent's id in every table of the service that has a parent_id column but {@code kept}. */
    private long rowsAbout(String service, String parentId, String... kept) throws SQLException {
        long rows = 0;
        try (Connection db = connect(service); Statement st = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.columns"
                    + " WHERE table_schema = 'public' AND column_name = 'parent_id'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            tables.removeAll(List.of(kept));
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + table + "\" WHERE parent_id = '"
                        + parentId + "'")) {
                    rs.next();
                    rows += rs.getLong(1);
                }
            }
        }
        return rows;
    }

    private Connection connect(String service) throws SQLException {
        return DriverManager.getConnection(stack.components().postgres().jdbcUrl(service), service, service);
    }
}
