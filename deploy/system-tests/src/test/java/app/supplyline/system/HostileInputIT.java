package app.supplyline.system;

import app.supplyline.local.Topics;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A catalogue of malformed and hostile inputs across every endpoint of the three services (types, ranges, encodings,
 * huge strings, unicode, nesting bombs, duplicate keys, SQL and HTML where values are interpreted): each gets a 4xx
 * {@code application/problem+json}, never a 5xx. At the end, nothing of the hostile users is stored anywhere and no
 * record of theirs is on any Kafka topic. SQL and HTML in free text are not hostile to us: they are kept verbatim.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT extends AgainstTheStack {

    enum Role { PARENT, CLINICIAN }

    /** One hostile request: who sends it, where, and how. */
    record Case(String name, Role role, String method, Function<SystemStack, String> url, String contentType,
            byte[] body, Map<String, String> headers, int expected, String field) {

        Case(String name, Role role, String method, Function<SystemStack, String> url, String contentType, byte[] body,
                Map<String, String> headers) {
            this(name, role, method, url, contentType, body, headers, 0, null);
        }

        /** The exact status this case must get (otherwise any 4xx). */
        Case expecting(int status) {
            return new Case(name, role, method, url, contentType, body, headers, status, field);
        }

        /** The field the problem must name first. */
        Case naming(String path) {
            return new Case(name, role, method, url, contentType, body, headers, expected, path);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static String parent;
    static String clinician;
    static final OffsetDateTime START = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).withNano(0);
    static final String VALID = "{\"type\":\"PUMPING\",\"startedAt\":\"" + START + "\",\"endedAt\":\"" + START.plusMinutes(20)
            + "\",\"leftMl\":60,\"rightMl\":55}";
    static final String NURSING = "{\"type\":\"NURSING\",\"startedAt\":\"" + START + "\",\"endedAt\":\""
            + START.plusMinutes(15) + "\",\"side\":\"LEFT\"}";

    @BeforeAll
    static void hostileUsers() {
        parent = stack.newUser("parent");
        clinician = stack.newUser("clinician");
    }

    static Stream<Case> catalogue() {
        List<Case> c = new ArrayList<>();
        String random = UUID.randomUUID().toString();
        // session-service: POST /api/sessions — body shape and encoding
        c.add(post(Role.PARENT, "malformed JSON", s -> s.session() + "/api/sessions", "{\"type\":\"PUMPING\",")
                .expecting(400));
        session(c, "empty body", "");
        session(c, "a JSON array", "[]");
        session(c, "a JSON string", "\"PUMPING\"");
        session(c, "JSON null", "null");
        c.add(new Case("text/plain", Role.PARENT, "POST", s -> s.session() + "/api/sessions", "text/plain", bytes(VALID), Map.of())
                .expecting(415));
        c.add(new Case("XML", Role.PARENT, "POST", s -> s.session() + "/api/sessions", "application/xml",
                bytes("<session><type>PUMPING</type></session>"), Map.of()).expecting(415));
        c.add(new Case("form encoded", Role.PARENT, "POST", s -> s.session() + "/api/sessions",
                "application/x-www-form-urlencoded", bytes("type=PUMPING&leftMl=60"), Map.of()).expecting(415));
        c.add(new Case("invalid UTF-8", Role.PARENT, "POST", s -> s.session() + "/api/sessions", "application/json",
                concat(bytes(VALID.replace("}", ",\"notes\":\"")), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, bytes("\"}")),
                Map.of()));
        session(c, "duplicate keys", VALID.replace("{", "{\"type\":\"NURSING\","));
        session(c, "trailing content", VALID + VALID);
        session(c, "nesting bomb (5,000 arrays deep)", VALID.replace("}", ",\"notes\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        c.add(post(Role.PARENT, "body over 64 KiB", s -> s.session() + "/api/sessions",
                VALID.replace("}", ",\"notes\":\"" + "x".repeat(70_000) + "\"}")).expecting(413));
        // types and values
        session(c, "unknown type", VALID.replace("PUMPING", "BOTTLE"));
        session(c, "type as a number", VALID.replace("\"PUMPING\"", "1"));
        session(c, "type null", VALID.replace("\"PUMPING\"", "null"));
        session(c, "SQL in type", VALID.replace("PUMPING", "PUMPING'; DROP TABLE journal_event;--"));
        session(c, "endedAt before startedAt", VALID.replace("\"endedAt\":\"" + START.plusMinutes(20), "\"endedAt\":\"" + START.minusMinutes(5)));
        session(c, "longer than 3 hours", VALID.replace("\"endedAt\":\"" + START.plusMinutes(20), "\"endedAt\":\"" + START.plusHours(4)));
        session(c, "starts in the future", VALID.replace(START.toString(), START.plusHours(3).toString())
                .replace(START.plusMinutes(20).toString(), START.plusHours(3).plusMinutes(20).toString()));
        session(c, "older than a year", VALID.replace(START.toString(), START.minusDays(400).toString())
                .replace(START.plusMinutes(20).toString(), START.minusDays(400).plusMinutes(20).toString()));
        session(c, "date-time without offset", VALID.replace(START.toString(), START.toLocalDateTime().toString()));
        session(c, "not a date", VALID.replace(START.toString(), "yesterday"));
        session(c, "year 99999", VALID.replace(START.toString(), "+99999-01-01T00:00:00Z"));
        session(c, "negative volume", VALID.replace("\"leftMl\":60", "\"leftMl\":-1"));
        session(c, "volume over 500 mL", VALID.replace("\"leftMl\":60", "\"leftMl\":501"));
        session(c, "volume \"NaN\"", VALID.replace("\"leftMl\":60", "\"leftMl\":\"NaN\""));
        session(c, "volume NaN literal", VALID.replace("\"leftMl\":60", "\"leftMl\":NaN"));
        session(c, "volume Infinity literal", VALID.replace("\"leftMl\":60", "\"leftMl\":Infinity"));
        session(c, "volume 1e400", VALID.replace("\"leftMl\":60", "\"leftMl\":1e400"));
        session(c, "volume as a word", VALID.replace("\"leftMl\":60", "\"leftMl\":\"sixty\""));
        session(c, "volume as a string number", VALID.replace("\"leftMl\":60", "\"leftMl\":\"60\""));
        session(c, "volume as a boolean", VALID.replace("\"leftMl\":60", "\"leftMl\":true"));
        session(c, "volume as an object", VALID.replace("\"leftMl\":60", "\"leftMl\":{}"));
        session(c, "pumping without any volume", VALID.replace(",\"leftMl\":60,\"rightMl\":55", ""));
        session(c, "nursing with volumes", NURSING.replace("}", ",\"leftMl\":30}"));
        session(c, "unknown side", NURSING.replace("LEFT", "MIDDLE"));
        session(c, "HTML as side", NURSING.replace("LEFT", "<script>alert(1)</script>"));
        session(c, "unknown unit", VALID.replace("}", ",\"unit\":\"LITRE\"}"));
        session(c, "unknown field", VALID.replace("}", ",\"color\":\"red\"}"));
        session(c, "id in the body", VALID.replace("}", ",\"id\":\"" + random + "\"}"));
        session(c, "parentId in the body", VALID.replace("}", ",\"parentId\":\"someone-else\"}"));
        session(c, "notes over 1,000 characters", VALID.replace("}", ",\"notes\":\"" + "n".repeat(1001) + "\"}"));
        c.add(post(Role.PARENT, "NUL character in notes", s -> s.session() + "/api/sessions",
                VALID.replace("}", ",\"notes\":\"a\\u0000b\"}")).expecting(400).naming("notes"));
        c.add(post(Role.PARENT, "lone surrogate in notes", s -> s.session() + "/api/sessions",
                VALID.replace("}", ",\"notes\":\"a\\ud800b\"}")).expecting(400).naming("notes"));
        c.add(post(Role.PARENT, "control character in pump", s -> s.session() + "/api/sessions",
                VALID.replace("}", ",\"pump\":\"Spectra\\u0007\"}")).expecting(400).naming("pump"));
        c.add(new Case("Idempotency-Key of 1,000 characters", Role.PARENT, "POST", s -> s.session() + "/api/sessions",
                "application/json", bytes(VALID), Map.of("Idempotency-Key", "k".repeat(1000))));
        c.add(new Case("PATCH is not a method here", Role.PARENT, "PATCH", s -> s.session() + "/api/sessions",
                "application/json", bytes(VALID), Map.of()).expecting(405));
        // batch
        StringBuilder many = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        c.add(post(Role.PARENT, "batch of 501 items", s -> s.session() + "/api/sessions/batch", many.append("]}").toString()));
        c.add(post(Role.PARENT, "batch items as an object", s -> s.session() + "/api/sessions/batch", "{\"items\":{}}"));
        c.add(post(Role.PARENT, "batch items null", s -> s.session() + "/api/sessions/batch", "{\"items\":null}"));
        c.add(post(Role.PARENT, "batch without items", s -> s.session() + "/api/sessions/batch", "{}"));
        // queries and ids
        get(c, Role.PARENT, "limit 0", s -> s.session() + "/api/sessions?limit=0");
        get(c, Role.PARENT, "limit 501", s -> s.session() + "/api/sessions?limit=501");
        get(c, Role.PARENT, "limit negative", s -> s.session() + "/api/sessions?limit=-5");
        c.add(new Case("limit not a number", Role.PARENT, "GET", s -> s.session() + "/api/sessions?limit=abc", null, null,
                Map.of()).expecting(400).naming("limit"));
        get(c, Role.PARENT, "limit 1e3", s -> s.session() + "/api/sessions?limit=1e3");
        get(c, Role.PARENT, "garbage cursor", s -> s.session() + "/api/sessions?cursor=%25%25garbage!!");
        get(c, Role.PARENT, "SQL in cursor", s -> s.session() + "/api/sessions?cursor=%27%20OR%201%3D1--");
        get(c, Role.PARENT, "from not a date", s -> s.session() + "/api/sessions?from=notadate");
        get(c, Role.PARENT, "to an impossible date", s -> s.session() + "/api/sessions?to=2026-13-45T00:00:00Z");
        get(c, Role.PARENT, "session id not a UUID", s -> s.session() + "/api/sessions/not-a-uuid");
        get(c, Role.PARENT, "SQL as session id", s -> s.session() + "/api/sessions/%27%20OR%20%271%27%3D%271");
        c.add(new Case("unknown session id", Role.PARENT, "GET", s -> s.session() + "/api/sessions/" + random, null, null,
                Map.of()).expecting(404));
        c.add(new Case("correction of an unknown session", Role.PARENT, "PUT", s -> s.session() + "/api/sessions/" + random,
                "application/json", bytes(VALID), Map.of("If-Match", "\"1\"")));
        c.add(new Case("deletion of an unknown session", Role.PARENT, "DELETE", s -> s.session() + "/api/sessions/" + random,
                null, null, Map.of()));
        // check-ins
        String checkIn = "{\"date\":\"" + START.toLocalDate() + "\",\"sleepHours\":6,\"waterMl\":2000,\"stress\":3}";
        c.add(post(Role.PARENT, "stress 0", s -> s.session() + "/api/check-ins", checkIn.replace("\"stress\":3", "\"stress\":0")));
        c.add(post(Role.PARENT, "stress 6", s -> s.session() + "/api/check-ins", checkIn.replace("\"stress\":3", "\"stress\":6")));
        c.add(post(Role.PARENT, "stress as a word", s -> s.session() + "/api/check-ins", checkIn.replace("\"stress\":3", "\"stress\":\"high\"")));
        c.add(post(Role.PARENT, "negative sleep", s -> s.session() + "/api/check-ins", checkIn.replace("\"sleepHours\":6", "\"sleepHours\":-1")));
        c.add(post(Role.PARENT, "25 hours of sleep", s -> s.session() + "/api/check-ins", checkIn.replace("\"sleepHours\":6", "\"sleepHours\":25")));
        c.add(post(Role.PARENT, "negative water", s -> s.session() + "/api/check-ins", checkIn.replace("\"waterMl\":2000", "\"waterMl\":-5")));
        c.add(post(Role.PARENT, "30 February", s -> s.session() + "/api/check-ins", checkIn.replace(START.toLocalDate().toString(), "2026-02-30")));
        c.add(post(Role.PARENT, "check-in with an unknown field", s -> s.session() + "/api/check-ins", checkIn.replace("}", ",\"mood\":\"ok\"}")));
        c.add(post(Role.PARENT, "check-in notes over 1,000", s -> s.session() + "/api/check-ins",
                checkIn.replace("}", ",\"notes\":\"" + "n".repeat(1001) + "\"}")));
        get(c, Role.PARENT, "check-ins from not a date", s -> s.session() + "/api/check-ins?from=soon");
        // profile
        String profile = "{\"timezone\":\"Europe/Paris\",\"preferredUnit\":\"ML\"}";
        profile(c, "timezone not an IANA id", profile.replace("Europe/Paris", "Mars/Olympus"));
        profile(c, "SQL in timezone", profile.replace("Europe/Paris", "UTC'; DROP TABLE profile;--"));
        profile(c, "path in timezone", profile.replace("Europe/Paris", "../../../etc/passwd"));
        profile(c, "daily goal 99 mL", profile.replace("}", ",\"dailyGoalMl\":99}"));
        profile(c, "daily goal 2,001 mL", profile.replace("}", ",\"dailyGoalMl\":2001}"));
        profile(c, "unknown feeding mode", profile.replace("}", ",\"feedingMode\":\"BOTTLE\"}"));
        profile(c, "unknown unit", profile.replace("\"ML\"", "\"LITRE\""));
        profile(c, "baby born next year", profile.replace("}", ",\"babyBirthDate\":\"" + START.toLocalDate().plusYears(1) + "\"}"));
        profile(c, "birth date not a date", profile.replace("}", ",\"babyBirthDate\":\"soon\"}"));
        profile(c, "profile as an array", "[" + profile + "]");
        c.add(new Case("export as XML", Role.PARENT, "GET", s -> s.session() + "/api/export", null, null,
                Map.of("Accept", "application/xml")).expecting(406));
        // analytics-service
        get(c, Role.PARENT, "trend of 0 days", s -> s.analytics() + "/api/trends/me?days=0");
        get(c, Role.PARENT, "trend of 366 days", s -> s.analytics() + "/api/trends/me?days=366");
        get(c, Role.PARENT, "trend days not a number", s -> s.analytics() + "/api/trends/me?days=abc");
        get(c, Role.PARENT, "SQL in days", s -> s.analytics() + "/api/trends/me?days=7%3BDROP%20TABLE%20daily");
        c.add(post(Role.PARENT, "SQL as invite code", s -> s.analytics() + "/api/consents", "{\"inviteCode\":\"' OR 1=1--\"}"));
        c.add(post(Role.PARENT, "empty invite code", s -> s.analytics() + "/api/consents", "{\"inviteCode\":\"\"}"));
        c.add(post(Role.PARENT, "invite code of 10,000 characters", s -> s.analytics() + "/api/consents",
                "{\"inviteCode\":\"" + "A".repeat(10_000) + "\"}"));
        c.add(post(Role.PARENT, "unknown invite code", s -> s.analytics() + "/api/consents", "{\"inviteCode\":\"ABCDE-FGHJK\"}"));
        c.add(post(Role.PARENT, "consent with an unknown field", s -> s.analytics() + "/api/consents",
                "{\"inviteCode\":\"ABCDE-FGHJK\",\"cohortId\":\"" + random + "\"}"));
        c.add(post(Role.CLINICIAN, "empty cohort name", s -> s.analytics() + "/api/cohorts", "{\"name\":\"\"}"));
        c.add(post(Role.CLINICIAN, "cohort name of 10,000 characters", s -> s.analytics() + "/api/cohorts",
                "{\"name\":\"" + "c".repeat(10_000) + "\"}"));
        c.add(post(Role.CLINICIAN, "cohort name null", s -> s.analytics() + "/api/cohorts", "{\"name\":null}"));
        c.add(post(Role.CLINICIAN, "cohort name with a NUL", s -> s.analytics() + "/api/cohorts", "{\"name\":\"Clinic\\u0000\"}")
                .expecting(400).naming("name"));
        c.add(post(Role.CLINICIAN, "cohort as an array", s -> s.analytics() + "/api/cohorts", "[{\"name\":\"x\"}]"));
        get(c, Role.CLINICIAN, "patients of an unknown cohort", s -> s.analytics() + "/api/cohorts/" + random + "/patients");
        get(c, Role.CLINICIAN, "patients limit 10,000", s -> s.analytics() + "/api/cohorts/" + random + "/patients?limit=10000");
        get(c, Role.CLINICIAN, "cohort id not a UUID", s -> s.analytics() + "/api/cohorts/%3Cscript%3E/patients");
        // notification-service
        prefs(c, "quiet hours at 25:00", "{\"quietHours\":{\"start\":\"25:00\",\"end\":\"06:00\"}}");
        prefs(c, "HTML as locale", "{\"locale\":\"<script>alert(1)</script>\"}");
        prefs(c, "negative reminder interval", "{\"reminderIntervalMinutes\":-1}");
        prefs(c, "reminder interval of 100,000 minutes", "{\"reminderIntervalMinutes\":100000}");
        prefs(c, "reminder interval as text", "{\"reminderIntervalMinutes\":\"3h\"}");
        String keys = ",\"keys\":{\"p256dh\":\"BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM\",\"auth\":\"tBHItJI5svbpez7KI4CCXg\"}}";
        subscription(c, "javascript: endpoint", "{\"endpoint\":\"javascript:alert(1)\"" + keys);
        subscription(c, "cloud metadata endpoint", "{\"endpoint\":\"http://169.254.169.254/latest/meta-data\"" + keys);
        subscription(c, "file: endpoint", "{\"endpoint\":\"file:///etc/passwd\"" + keys);
        // a push service's endpoint, so that each case fails for its own field (validation refuses before any lookup)
        String fcm = "{\"endpoint\":\"https://fcm.googleapis.com/fcm/send/x\"";
        c.add(subscriptionCase("p256dh not base64url", fcm + keys.replace("BNcRdreALRFXTkOOUHK1EtK2", "not base64!"), "keys.p256dh"));
        c.add(subscriptionCase("auth secret too short", fcm + keys.replace("tBHItJI5svbpez7KI4CCXg", "tBHI"), "keys.auth"));
        c.add(subscriptionCase("subscription without keys", fcm + "}", "keys"));
        c.add(subscriptionCase("label of 10,000 characters", fcm + ",\"label\":\"" + "l".repeat(10_000) + "\"" + keys, "label"));
        // SSRF: endpoints into the services' own network, in every notation (issue 14); refused before any push
        for (String endpoint : List.of("https://169.254.169.254/latest/meta-data", "https://127.0.0.1:8082/api/admin/rebuild",
                "https://10.0.0.5:8443/x", "https://192.168.1.1/x", "https://172.16.0.1/x", "https://[::1]/x",
                "https://0.0.0.0/x", "https://2130706433/x", "https://0x7f000001/x", "https://localhost:5433/")) {
            c.add(subscriptionCase("SSRF endpoint " + endpoint, "{\"endpoint\":\"" + endpoint + "\"" + keys, "endpoint"));
        }
        // numbers that cost nothing to send and would cost minutes to compute with
        c.add(post(Role.PARENT, "volume 1e1000000", s -> s.session() + "/api/sessions",
                VALID.replace("\"rightMl\":55", "\"rightMl\":1e1000000")).expecting(400).naming("rightMl"));
        c.add(post(Role.PARENT, "volume 1e-1000000", s -> s.session() + "/api/sessions",
                VALID.replace("\"rightMl\":55", "\"rightMl\":1e-1000000")).expecting(400).naming("rightMl"));
        c.add(post(Role.PARENT, "volume of 10,000 digits", s -> s.session() + "/api/sessions",
                VALID.replace("\"rightMl\":55", "\"rightMl\":" + "9".repeat(10_000))).expecting(400).naming("rightMl"));
        c.add(new Case("daily goal 1e1000000", Role.PARENT, "PUT", s -> s.session() + "/api/profile", "application/json",
                bytes("{\"timezone\":\"UTC\",\"dailyGoalMl\":1e1000000}"), Map.of()).expecting(400).naming("dailyGoalMl"));
        c.add(new Case("reminder interval of 10,000 digits", Role.PARENT, "PUT", s -> s.notification() + "/api/preferences",
                "application/json", bytes("{\"reminderIntervalMinutes\":" + "1".repeat(10_000) + "}"), Map.of())
                .expecting(400).naming("reminderIntervalMinutes"));
        get(c, Role.PARENT, "inbox limit 100,000", s -> s.notification() + "/api/notifications?limit=100000");
        get(c, Role.PARENT, "inbox garbage cursor", s -> s.notification() + "/api/notifications?cursor=%00%01");
        c.add(post(Role.PARENT, "read an unknown notification", s -> s.notification() + "/api/notifications/" + random + "/read", "{}"));
        c.add(new Case("remove an unknown subscription", Role.PARENT, "DELETE",
                s -> s.notification() + "/api/push/subscriptions/" + random, null, null, Map.of()));
        return c.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void isRefusedWithAProblem(Case hostile) {
        RequestSpecification request = stack.as(hostile.role() == Role.PARENT ? parent : clinician)
                .urlEncodingEnabled(false).headers(hostile.headers());
        if (hostile.contentType() != null) {
            request = request.contentType(hostile.contentType());
        }
        if (hostile.body() != null && hostile.contentType().contains("form")) {
            request = request.body(new String(hostile.body(), StandardCharsets.UTF_8)); // rest-assured encodes forms from text
        } else if (hostile.body() != null) {
            request = request.body(hostile.body());
        }
        Response response = request.request(hostile.method(), hostile.url().apply(stack));
        int status = response.statusCode();
        assertTrue(status >= 400 && status < 500, hostile + ": " + status + " " + response.asString());
        // a validation case fails for its own reason, never because of the token, the role or the quota
        assertTrue(hostile.expected() == status || (status != 401 && status != 403 && status != 429),
                hostile + ": " + status + " " + response.asString());
        if (hostile.expected() != 0) {
            assertEquals(hostile.expected(), status, hostile + ": " + response.asString());
        }
        if (hostile.field() != null) {
            assertEquals(hostile.field(), response.jsonPath().getString("errors[0].field"), hostile + ": " + response.asString());
        }
        assertTrue(status == 405 || !response.jsonPath().getString("detail").startsWith("HTTP "), "a detail that says what is wrong: "
                + hostile + ": " + response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"), hostile + ": " + response.contentType());
        assertEquals(status, response.jsonPath().getInt("status"), hostile + ": " + response.asString());
    }

    /** Free text is free: SQL and HTML in notes are kept verbatim (for another user), never interpreted. */
    @Order(2)
    @Test
    void sqlAndHtmlInFreeTextAreStoredVerbatim() {
        String writer = stack.newUser("parent");
        String notes = "'); DROP TABLE journal_event;-- <script>alert('x')</script> \uD83C\uDF7C \u202Eevil";
        String id = stack.as(writer).contentType(ContentType.JSON).body(Map.of("type", "PUMPING", "startedAt", START.toString(),
                        "endedAt", START.plusMinutes(20).toString(), "leftMl", 60, "rightMl", 55, "notes", notes))
                .post(stack.session() + "/api/sessions").then().statusCode(201).extract().path("id");
        assertEquals(notes, stack.as(writer).get(stack.session() + "/api/sessions/" + id).then().statusCode(200)
                .extract().path("notes"));
    }

    /** Nothing of the hostile users anywhere: not in the services' reads, not on any topic. */
    @Order(3)
    @Test
    void nothingWasStoredAndNoEventWasEmitted() {
        String fresh = stack.newUser("parent");
        stack.as(parent).get(stack.session() + "/api/sessions").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
        stack.as(parent).get(stack.session() + "/api/check-ins").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
        assertEquals(body(fresh, stack.session() + "/api/profile"), body(parent, stack.session() + "/api/profile"), "profile untouched");
        io.restassured.path.json.JsonPath export = stack.as(parent).get(stack.session() + "/api/export").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(), export.getList("sessions"), "nothing to export");
        assertEquals(List.of(), export.getList("checkIns"), "nothing to export");
        assertEquals(body(fresh, stack.notification() + "/api/preferences"), body(parent, stack.notification() + "/api/preferences"));
        stack.as(parent).get(stack.notification() + "/api/push/subscriptions").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
        stack.as(parent).get(stack.notification() + "/api/notifications").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
        stack.as(parent).get(stack.analytics() + "/api/consents").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
        stack.as(clinician).get(stack.analytics() + "/api/cohorts").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));

        // a barrier: a valid session of another user committed after every hostile request reaches the topic; the
        // relay publishes in commit order, so anything the hostile requests had written would be there before it
        String sentinel = stack.newUser("parent");
        stack.as(sentinel).contentType(ContentType.JSON).body(VALID).post(stack.session() + "/api/sessions").then().statusCode(201);
        String sentinelId = journeys.subject(sentinel);
        List<String> hostileIds = List.of(journeys.subject(parent), journeys.subject(clinician));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> allRecords().stream().anyMatch(r -> sentinelId.equals(r.key())));
        List<ConsumerRecord<String, String>> records = allRecords();
        for (ConsumerRecord<String, String> r : records) {
            for (String id : hostileIds) {
                assertTrue(!id.equals(r.key()) && (r.value() == null || !r.value().contains(id)),
                        "a record of a hostile user on " + r.topic() + ": " + r.value());
            }
        }
    }

    @AfterAll
    static void servicesStillHealthy() {
        for (String service : List.of(stack.session(), stack.analytics(), stack.notification())) {
            RestAssured.get(service + "/q/health/ready").then().statusCode(200);
        }
    }

    private static List<ConsumerRecord<String, String>> allRecords() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.components().kafka().bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            Topics.ALL.forEach((topic, count) -> {
                for (int p = 0; p < count; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        return all;
    }

    private static String body(String user, String url) {
        return stack.as(user).get(url).then().statusCode(200).extract().asString();
    }

    private static void session(List<Case> c, String name, String body) {
        c.add(post(Role.PARENT, name, s -> s.session() + "/api/sessions", body));
    }

    private static void profile(List<Case> c, String name, String body) {
        c.add(new Case(name, Role.PARENT, "PUT", s -> s.session() + "/api/profile", "application/json", bytes(body), Map.of()));
    }

    private static void prefs(List<Case> c, String name, String body) {
        c.add(new Case(name, Role.PARENT, "PUT", s -> s.notification() + "/api/preferences", "application/json", bytes(body), Map.of()));
    }

    private static void subscription(List<Case> c, String name, String body) {
        c.add(post(Role.PARENT, name, s -> s.notification() + "/api/push/subscriptions", body));
    }

    private static Case subscriptionCase(String name, String body, String field) {
        return post(Role.PARENT, name, s -> s.notification() + "/api/push/subscriptions", body).expecting(400).naming(field);
    }

    private static void get(List<Case> c, Role role, String name, Function<SystemStack, String> url) {
        c.add(new Case(name, role, "GET", url, null, null, Map.of()));
    }

    private static Case post(Role role, String name, Function<SystemStack, String> url, String body) {
        return new Case(name, role, "POST", url, "application/json", bytes(body), Map.of());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
