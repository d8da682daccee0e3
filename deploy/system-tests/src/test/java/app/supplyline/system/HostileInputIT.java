package app.supplyline.system;

import app.supplyline.local.Topics;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A catalogue of malformed and hostile inputs across every endpoint of the three services (types, ranges, encodings,
 * huge strings, unicode, nesting bombs, duplicate keys, SQL and HTML where values are interpreted): each gets exactly
 * the status that refuses it — 400 naming the field where there is one, and 404, 405, 406, 413 or 415 where those are
 * defined — as {@code application/problem+json}; never a 401, 403 or 429, which would mean the case was refused for
 * another reason than its input. At the end, nothing of the hostile users is stored anywhere and, once a barrier record
 * written after every case has reached the topic, no record of theirs is on any Kafka topic. SQL and HTML in free text
 * are not hostile to us: they are kept verbatim.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT extends AgainstTheStack {

    enum Role { PARENT, CLINICIAN }

    /**
     * Cases per hostile user: each group of this many cases has its own parent and clinician, so that no user spends
     * more than 20 tokens of any service's quota (bursts of 100 writes and 100 costly reads per user,
     * {@code WriteRateLimiter}) even without the refill: a 429 can only come from the service, never from the
     * catalogue's own volume.
     */
    static final int CASES_PER_USER = 20;

    /** How long each step of the Kafka read may take: the barrier reaching the topic, then reading to the end. */
    static final Duration KAFKA_BOUND = Duration.ofSeconds(60);

    /** One hostile request: who sends it (the role, and the group whose user sends it), where, how, and its answer. */
    record Case(String name, Role role, String method, Function<SystemStack, String> url, String contentType,
            byte[] body, Map<String, String> headers, int expected, String field, int group) {

        /**
         * The statuses that refuse an input. 401, 403 and 429 are not among them: a token, role or quota refusal says
         * nothing about the input, so a case answered that way fails.
         */
        static final Set<Integer> REFUSALS = Set.of(400, 404, 405, 406, 413, 415);

        Case {
            if (!REFUSALS.contains(expected)) {
                throw new IllegalArgumentException(name + ": " + expected + " is not a refusal of the input");
            }
            if (field != null && expected != 400) {
                throw new IllegalArgumentException(name + ": only a 400 names a field");
            }
        }

        /** This case, sent by the users of the given group. */
        Case inGroup(int g) {
            return new Case(name, role, method, url, contentType, body, headers, expected, field, g);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The hostile users, one parent and one clinician per group of {@link #CASES_PER_USER} cases. */
    static List<String> parents;
    static List<String> clinicians;
    static final OffsetDateTime START = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).withNano(0);
    static final String VALID = "{\"type\":\"PUMPING\",\"startedAt\":\"" + START + "\",\"endedAt\":\"" + START.plusMinutes(20)
            + "\",\"leftMl\":60,\"rightMl\":55}";
    static final String NURSING = "{\"type\":\"NURSING\",\"startedAt\":\"" + START + "\",\"endedAt\":\""
            + START.plusMinutes(15) + "\",\"side\":\"LEFT\"}";

    @BeforeAll
    static void hostileUsers() {
        long groups = (catalogue().count() + CASES_PER_USER - 1) / CASES_PER_USER;
        parents = new ArrayList<>();
        clinicians = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            parents.add(stack.newUser("parent"));
            clinicians.add(stack.newUser("clinician"));
        }
    }

    static Stream<Case> catalogue() {
        List<Case> c = new ArrayList<>();
        String random = UUID.randomUUID().toString();
        // session-service: POST /api/sessions — body shape and encoding. A body that cannot be read as a session at
        // all is a 400 without a field to name (there is none, or the parser stopped before reaching one).
        unreadable(c, Role.PARENT, "malformed JSON", s -> s.session() + "/api/sessions", "{\"type\":\"PUMPING\",");
        unreadable(c, Role.PARENT, "empty body", s -> s.session() + "/api/sessions", "");
        unreadable(c, Role.PARENT, "a JSON array", s -> s.session() + "/api/sessions", "[]");
        unreadable(c, Role.PARENT, "a JSON string", s -> s.session() + "/api/sessions", "\"PUMPING\"");
        unreadable(c, Role.PARENT, "JSON null", s -> s.session() + "/api/sessions", "null");
        c.add(request(Role.PARENT, "text/plain", "POST", s -> s.session() + "/api/sessions", "text/plain", bytes(VALID),
                Map.of(), 415, null));
        c.add(request(Role.PARENT, "XML", "POST", s -> s.session() + "/api/sessions", "application/xml",
                bytes("<session><type>PUMPING</type></session>"), Map.of(), 415, null));
        c.add(request(Role.PARENT, "form encoded", "POST", s -> s.session() + "/api/sessions",
                "application/x-www-form-urlencoded", bytes("type=PUMPING&leftMl=60"), Map.of(), 415, null));
        c.add(request(Role.PARENT, "invalid UTF-8", "POST", s -> s.session() + "/api/sessions", "application/json",
                concat(bytes(VALID.replace("}", ",\"notes\":\"")), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, bytes("\"}")),
                Map.of(), 400, null));
        unreadable(c, Role.PARENT, "duplicate keys", s -> s.session() + "/api/sessions", VALID.replace("{", "{\"type\":\"NURSING\","));
        unreadable(c, Role.PARENT, "trailing content", s -> s.session() + "/api/sessions", VALID + VALID);
        unreadable(c, Role.PARENT, "nesting bomb (5,000 arrays deep)", s -> s.session() + "/api/sessions",
                VALID.replace("}", ",\"notes\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        c.add(post(Role.PARENT, "body over 64 KiB", s -> s.session() + "/api/sessions",
                VALID.replace("}", ",\"notes\":\"" + "x".repeat(70_000) + "\"}"), 413, null));
        // types and values
        session(c, "unknown type", VALID.replace("PUMPING", "BOTTLE"), "type");
        session(c, "type as a number", VALID.replace("\"PUMPING\"", "1"), "type");
        session(c, "type null", VALID.replace("\"PUMPING\"", "null"), "type");
        session(c, "SQL in type", VALID.replace("PUMPING", "PUMPING'; DROP TABLE journal_event;--"), "type");
        session(c, "endedAt before startedAt", VALID.replace("\"endedAt\":\"" + START.plusMinutes(20), "\"endedAt\":\"" + START.minusMinutes(5)),
                "endedAt");
        session(c, "longer than 3 hours", VALID.replace("\"endedAt\":\"" + START.plusMinutes(20), "\"endedAt\":\"" + START.plusHours(4)),
                "endedAt");
        session(c, "starts in the future", VALID.replace(START.toString(), START.plusHours(3).toString())
                .replace(START.plusMinutes(20).toString(), START.plusHours(3).plusMinutes(20).toString()), "startedAt");
        session(c, "older than a year", VALID.replace(START.toString(), START.minusDays(400).toString())
                .replace(START.plusMinutes(20).toString(), START.minusDays(400).plusMinutes(20).toString()), "startedAt");
        session(c, "date-time without offset", VALID.replace(START.toString(), START.toLocalDateTime().toString()), "startedAt");
        session(c, "not a date", VALID.replace(START.toString(), "yesterday"), "startedAt");
        // read as a date-time, it starts in the future and after its end: both fields are named, startedAt among them
        session(c, "year 99999", VALID.replace(START.toString(), "+99999-01-01T00:00:00Z"), "startedAt");
        session(c, "negative volume", VALID.replace("\"leftMl\":60", "\"leftMl\":-1"), "leftMl");
        session(c, "volume over 500 mL", VALID.replace("\"leftMl\":60", "\"leftMl\":501"), "leftMl");
        session(c, "volume \"NaN\"", VALID.replace("\"leftMl\":60", "\"leftMl\":\"NaN\""), "leftMl");
        // not JSON at all (JSON has no NaN or Infinity): the parser refuses them
        unreadable(c, Role.PARENT, "volume NaN literal", s -> s.session() + "/api/sessions",
                VALID.replace("\"leftMl\":60", "\"leftMl\":NaN"));
        unreadable(c, Role.PARENT, "volume Infinity literal", s -> s.session() + "/api/sessions",
                VALID.replace("\"leftMl\":60", "\"leftMl\":Infinity"));
        session(c, "volume 1e400", VALID.replace("\"leftMl\":60", "\"leftMl\":1e400"), "leftMl");
        session(c, "volume as a word", VALID.replace("\"leftMl\":60", "\"leftMl\":\"sixty\""), "leftMl");
        session(c, "volume as a string number", VALID.replace("\"leftMl\":60", "\"leftMl\":\"60\""), "leftMl");
        session(c, "volume as a boolean", VALID.replace("\"leftMl\":60", "\"leftMl\":true"), "leftMl");
        session(c, "volume as an object", VALID.replace("\"leftMl\":60", "\"leftMl\":{}"), "leftMl");
        session(c, "pumping without any volume", VALID.replace(",\"leftMl\":60,\"rightMl\":55", ""), "leftMl");
        session(c, "nursing with volumes", NURSING.replace("}", ",\"leftMl\":30}"), "leftMl");
        session(c, "unknown side", NURSING.replace("LEFT", "MIDDLE"), "side");
        session(c, "HTML as side", NURSING.replace("LEFT", "<script>alert(1)</script>"), "side");
        session(c, "unknown unit", VALID.replace("}", ",\"unit\":\"LITRE\"}"), "unit");
        session(c, "unknown field", VALID.replace("}", ",\"color\":\"red\"}"), "color");
        session(c, "id in the body", VALID.replace("}", ",\"id\":\"" + random + "\"}"), "id");
        session(c, "parentId in the body", VALID.replace("}", ",\"parentId\":\"someone-else\"}"), "parentId");
        session(c, "notes over 1,000 characters", VALID.replace("}", ",\"notes\":\"" + "n".repeat(1001) + "\"}"), "notes");
        session(c, "NUL character in notes", VALID.replace("}", ",\"notes\":\"a\\u0000b\"}"), "notes");
        session(c, "lone surrogate in notes", VALID.replace("}", ",\"notes\":\"a\\ud800b\"}"), "notes");
        session(c, "control character in pump", VALID.replace("}", ",\"pump\":\"Spectra\\u0007\"}"), "pump");
        c.add(request(Role.PARENT, "Idempotency-Key of 1,000 characters", "POST", s -> s.session() + "/api/sessions",
                "application/json", bytes(VALID), Map.of("Idempotency-Key", "k".repeat(1000)), 400, "Idempotency-Key"));
        c.add(request(Role.PARENT, "PATCH is not a method here", "PATCH", s -> s.session() + "/api/sessions",
                "application/json", bytes(VALID), Map.of(), 405, null));
        // batch
        StringBuilder many = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 501; i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        c.add(post(Role.PARENT, "batch of 501 items", s -> s.session() + "/api/sessions/batch", many.append("]}").toString(),
                400, "items"));
        c.add(post(Role.PARENT, "batch items as an object", s -> s.session() + "/api/sessions/batch", "{\"items\":{}}", 400, "items"));
        c.add(post(Role.PARENT, "batch items null", s -> s.session() + "/api/sessions/batch", "{\"items\":null}", 400, "items"));
        c.add(post(Role.PARENT, "batch without items", s -> s.session() + "/api/sessions/batch", "{}", 400, "items"));
        // queries and ids
        get(c, Role.PARENT, "limit 0", s -> s.session() + "/api/sessions?limit=0", 400, "limit");
        get(c, Role.PARENT, "limit 501", s -> s.session() + "/api/sessions?limit=501", 400, "limit");
        get(c, Role.PARENT, "limit negative", s -> s.session() + "/api/sessions?limit=-5", 400, "limit");
        get(c, Role.PARENT, "limit not a number", s -> s.session() + "/api/sessions?limit=abc", 400, "limit");
        get(c, Role.PARENT, "limit 1e3", s -> s.session() + "/api/sessions?limit=1e3", 400, "limit");
        get(c, Role.PARENT, "garbage cursor", s -> s.session() + "/api/sessions?cursor=%25%25garbage!!", 400, "cursor");
        get(c, Role.PARENT, "SQL in cursor", s -> s.session() + "/api/sessions?cursor=%27%20OR%201%3D1--", 400, "cursor");
        get(c, Role.PARENT, "from not a date", s -> s.session() + "/api/sessions?from=notadate", 400, "from");
        get(c, Role.PARENT, "to an impossible date", s -> s.session() + "/api/sessions?to=2026-13-45T00:00:00Z", 400, "to");
        // a malformed id cannot name a session of this parent: 404 like any unknown one
        get(c, Role.PARENT, "session id not a UUID", s -> s.session() + "/api/sessions/not-a-uuid", 404, null);
        get(c, Role.PARENT, "SQL as session id", s -> s.session() + "/api/sessions/%27%20OR%20%271%27%3D%271", 404, null);
        get(c, Role.PARENT, "unknown session id", s -> s.session() + "/api/sessions/" + random, 404, null);
        c.add(request(Role.PARENT, "correction of an unknown session", "PUT", s -> s.session() + "/api/sessions/" + random,
                "application/json", bytes(VALID), Map.of("If-Match", "\"1\""), 404, null));
        c.add(request(Role.PARENT, "deletion of an unknown session", "DELETE", s -> s.session() + "/api/sessions/" + random,
                null, null, Map.of(), 404, null));
        // check-ins
        String checkIn = "{\"date\":\"" + START.toLocalDate() + "\",\"sleepHours\":6,\"waterMl\":2000,\"stress\":3}";
        checkIn(c, "stress 0", checkIn.replace("\"stress\":3", "\"stress\":0"), "stress");
        checkIn(c, "stress 6", checkIn.replace("\"stress\":3", "\"stress\":6"), "stress");
        checkIn(c, "stress as a word", checkIn.replace("\"stress\":3", "\"stress\":\"high\""), "stress");
        checkIn(c, "negative sleep", checkIn.replace("\"sleepHours\":6", "\"sleepHours\":-1"), "sleepHours");
        checkIn(c, "25 hours of sleep", checkIn.replace("\"sleepHours\":6", "\"sleepHours\":25"), "sleepHours");
        checkIn(c, "negative water", checkIn.replace("\"waterMl\":2000", "\"waterMl\":-5"), "waterMl");
        checkIn(c, "30 February", checkIn.replace(START.toLocalDate().toString(), "2026-02-30"), "date");
        checkIn(c, "check-in with an unknown field", checkIn.replace("}", ",\"mood\":\"ok\"}"), "mood");
        checkIn(c, "check-in notes over 1,000", checkIn.replace("}", ",\"notes\":\"" + "n".repeat(1001) + "\"}"), "notes");
        get(c, Role.PARENT, "check-ins from not a date", s -> s.session() + "/api/check-ins?from=soon", 400, "from");
        // profile
        String profile = "{\"timezone\":\"Europe/Paris\",\"preferredUnit\":\"ML\"}";
        profile(c, "timezone not an IANA id", profile.replace("Europe/Paris", "Mars/Olympus"), "timezone");
        profile(c, "SQL in timezone", profile.replace("Europe/Paris", "UTC'; DROP TABLE profile;--"), "timezone");
        profile(c, "path in timezone", profile.replace("Europe/Paris", "../../../etc/passwd"), "timezone");
        profile(c, "daily goal 99 mL", profile.replace("}", ",\"dailyGoalMl\":99}"), "dailyGoalMl");
        profile(c, "daily goal 2,001 mL", profile.replace("}", ",\"dailyGoalMl\":2001}"), "dailyGoalMl");
        profile(c, "unknown feeding mode", profile.replace("}", ",\"feedingMode\":\"BOTTLE\"}"), "feedingMode");
        profile(c, "unknown unit", profile.replace("\"ML\"", "\"LITRE\""), "preferredUnit");
        profile(c, "baby born next year", profile.replace("}", ",\"babyBirthDate\":\"" + START.toLocalDate().plusYears(1) + "\"}"),
                "babyBirthDate");
        profile(c, "birth date not a date", profile.replace("}", ",\"babyBirthDate\":\"soon\"}"), "babyBirthDate");
        c.add(request(Role.PARENT, "profile as an array", "PUT", s -> s.session() + "/api/profile", "application/json",
                bytes("[" + profile + "]"), Map.of(), 400, null));
        c.add(request(Role.PARENT, "export as XML", "GET", s -> s.session() + "/api/export", null, null,
                Map.of("Accept", "application/xml"), 406, null));
        // analytics-service
        get(c, Role.PARENT, "trend of 0 days", s -> s.analytics() + "/api/trends/me?days=0", 400, "days");
        get(c, Role.PARENT, "trend of 366 days", s -> s.analytics() + "/api/trends/me?days=366", 400, "days");
        get(c, Role.PARENT, "trend days not a number", s -> s.analytics() + "/api/trends/me?days=abc", 400, "days");
        get(c, Role.PARENT, "SQL in days", s -> s.analytics() + "/api/trends/me?days=7%3BDROP%20TABLE%20daily", 400, "days");
        c.add(post(Role.PARENT, "SQL as invite code", s -> s.analytics() + "/api/consents", "{\"inviteCode\":\"' OR 1=1--\"}",
                400, "inviteCode"));
        c.add(post(Role.PARENT, "empty invite code", s -> s.analytics() + "/api/consents", "{\"inviteCode\":\"\"}", 400, "inviteCode"));
        c.add(post(Role.PARENT, "invite code of 10,000 characters", s -> s.analytics() + "/api/consents",
                "{\"inviteCode\":\"" + "A".repeat(10_000) + "\"}", 400, "inviteCode"));
        // well-formed, but no cohort has it
        c.add(post(Role.PARENT, "unknown invite code", s -> s.analytics() + "/api/consents", "{\"inviteCode\":\"ABCDE-FGHJK\"}",
                404, null));
        c.add(post(Role.PARENT, "consent with an unknown field", s -> s.analytics() + "/api/consents",
                "{\"inviteCode\":\"ABCDE-FGHJK\",\"cohortId\":\"" + random + "\"}", 400, "cohortId"));
        c.add(post(Role.CLINICIAN, "empty cohort name", s -> s.analytics() + "/api/cohorts", "{\"name\":\"\"}", 400, "name"));
        c.add(post(Role.CLINICIAN, "cohort name of 10,000 characters", s -> s.analytics() + "/api/cohorts",
                "{\"name\":\"" + "c".repeat(10_000) + "\"}", 400, "name"));
        c.add(post(Role.CLINICIAN, "cohort name null", s -> s.analytics() + "/api/cohorts", "{\"name\":null}", 400, "name"));
        c.add(post(Role.CLINICIAN, "cohort name with a NUL", s -> s.analytics() + "/api/cohorts", "{\"name\":\"Clinic\\u0000\"}",
                400, "name"));
        unreadable(c, Role.CLINICIAN, "cohort as an array", s -> s.analytics() + "/api/cohorts", "[{\"name\":\"x\"}]");
        get(c, Role.CLINICIAN, "patients of an unknown cohort", s -> s.analytics() + "/api/cohorts/" + random + "/patients", 404, null);
        // the page size is read before the cohort is looked up
        get(c, Role.CLINICIAN, "patients limit 10,000", s -> s.analytics() + "/api/cohorts/" + random + "/patients?limit=10000",
                400, "limit");
        get(c, Role.CLINICIAN, "cohort id not a UUID", s -> s.analytics() + "/api/cohorts/%3Cscript%3E/patients", 404, null);
        // notification-service
        prefs(c, "quiet hours at 25:00", "{\"quietHours\":{\"start\":\"25:00\",\"end\":\"06:00\"}}", "quietHours.start");
        prefs(c, "HTML as locale", "{\"locale\":\"<script>alert(1)</script>\"}", "locale");
        prefs(c, "negative reminder interval", "{\"reminderIntervalMinutes\":-1}", "reminderIntervalMinutes");
        prefs(c, "reminder interval of 100,000 minutes", "{\"reminderIntervalMinutes\":100000}", "reminderIntervalMinutes");
        prefs(c, "reminder interval as text", "{\"reminderIntervalMinutes\":\"3h\"}", "reminderIntervalMinutes");
        String keys = ",\"keys\":{\"p256dh\":\"BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM\",\"auth\":\"tBHItJI5svbpez7KI4CCXg\"}}";
        subscription(c, "javascript: endpoint", "{\"endpoint\":\"javascript:alert(1)\"" + keys, "endpoint");
        subscription(c, "cloud metadata endpoint", "{\"endpoint\":\"http://169.254.169.254/latest/meta-data\"" + keys, "endpoint");
        subscription(c, "file: endpoint", "{\"endpoint\":\"file:///etc/passwd\"" + keys, "endpoint");
        // a push service's endpoint, so that each case fails for its own field (validation refuses before any lookup)
        String fcm = "{\"endpoint\":\"https://fcm.googleapis.com/fcm/send/x\"";
        subscription(c, "p256dh not base64url", fcm + keys.replace("BNcRdreALRFXTkOOUHK1EtK2", "not base64!"), "keys.p256dh");
        subscription(c, "auth secret too short", fcm + keys.replace("tBHItJI5svbpez7KI4CCXg", "tBHI"), "keys.auth");
        subscription(c, "subscription without keys", fcm + "}", "keys");
        subscription(c, "label of 10,000 characters", fcm + ",\"label\":\"" + "l".repeat(10_000) + "\"" + keys, "label");
        // SSRF: endpoints into the services' own network, in every notation (issue 14); refused before any push
        for (String endpoint : List.of("https://169.254.169.254/latest/meta-data", "https://127.0.0.1:8082/api/admin/rebuild",
                "https://10.0.0.5:8443/x", "https://192.168.1.1/x", "https://172.16.0.1/x", "https://[::1]/x",
                "https://0.0.0.0/x", "https://2130706433/x", "https://0x7f000001/x", "https://localhost:5433/")) {
            subscription(c, "SSRF endpoint " + endpoint, "{\"endpoint\":\"" + endpoint + "\"" + keys, "endpoint");
        }
        // numbers that cost nothing to send and would cost minutes to compute with
        session(c, "volume 1e1000000", VALID.replace("\"rightMl\":55", "\"rightMl\":1e1000000"), "rightMl");
        session(c, "volume 1e-1000000", VALID.replace("\"rightMl\":55", "\"rightMl\":1e-1000000"), "rightMl");
        session(c, "volume of 10,000 digits", VALID.replace("\"rightMl\":55", "\"rightMl\":" + "9".repeat(10_000)), "rightMl");
        profile(c, "daily goal 1e1000000", "{\"timezone\":\"UTC\",\"dailyGoalMl\":1e1000000}", "dailyGoalMl");
        prefs(c, "reminder interval of 10,000 digits", "{\"reminderIntervalMinutes\":" + "1".repeat(10_000) + "}",
                "reminderIntervalMinutes");
        get(c, Role.PARENT, "inbox limit 100,000", s -> s.notification() + "/api/notifications?limit=100000", 400, "limit");
        get(c, Role.PARENT, "inbox garbage cursor", s -> s.notification() + "/api/notifications?cursor=%00%01", 400, "cursor");
        c.add(post(Role.PARENT, "read an unknown notification", s -> s.notification() + "/api/notifications/" + random + "/read",
                "{}", 404, null));
        c.add(request(Role.PARENT, "remove an unknown subscription", "DELETE",
                s -> s.notification() + "/api/push/subscriptions/" + random, null, null, Map.of(), 404, null));
        return IntStream.range(0, c.size()).mapToObj(i -> c.get(i).inGroup(i / CASES_PER_USER));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void isRefusedWithAProblem(Case hostile) {
        String user = (hostile.role() == Role.PARENT ? parents : clinicians).get(hostile.group());
        RequestSpecification request = stack.as(user).urlEncodingEnabled(false).headers(hostile.headers());
        if (hostile.contentType() != null) {
            request = request.contentType(hostile.contentType());
        }
        if (hostile.body() != null && hostile.contentType().contains("form")) {
            request = request.body(new String(hostile.body(), StandardCharsets.UTF_8)); // rest-assured encodes forms from text
        } else if (hostile.body() != null) {
            request = request.body(hostile.body());
        }
        Response response = request.request(hostile.method(), hostile.url().apply(stack));
        // exactly the refusal of this input: a 401, 403 or 429 (or another 4xx) fails the case
        assertEquals(hostile.expected(), response.statusCode(), hostile + ": " + response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"), hostile + ": " + response.contentType());
        JsonPath problem = response.jsonPath();
        assertEquals(hostile.expected(), problem.getInt("status"), hostile + ": " + response.asString());
        assertTrue(hostile.expected() == 405 || !problem.getString("detail").startsWith("HTTP "),
                "a detail that says what is wrong: " + hostile + ": " + response.asString());
        if (hostile.field() != null) {
            List<String> fields = problem.getList("errors.field", String.class);
            assertTrue(fields != null && fields.contains(hostile.field()),
                    hostile + ": the problem names " + hostile.field() + ": " + response.asString());
        }
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
        for (String parent : parents) {
            stack.as(parent).get(stack.session() + "/api/sessions").then().statusCode(200).body("items.size()", equalTo(0));
            stack.as(parent).get(stack.session() + "/api/check-ins").then().statusCode(200).body("items.size()", equalTo(0));
            assertEquals(body(fresh, stack.session() + "/api/profile"), body(parent, stack.session() + "/api/profile"),
                    "profile of " + parent + " untouched");
            JsonPath export = stack.as(parent).get(stack.session() + "/api/export").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(), export.getList("sessions"), "nothing of " + parent + " to export");
            assertEquals(List.of(), export.getList("checkIns"), "nothing of " + parent + " to export");
            assertEquals(body(fresh, stack.notification() + "/api/preferences"), body(parent, stack.notification() + "/api/preferences"),
                    "preferences of " + parent + " untouched");
            stack.as(parent).get(stack.notification() + "/api/push/subscriptions").then().statusCode(200).body("items.size()", equalTo(0));
            stack.as(parent).get(stack.notification() + "/api/notifications").then().statusCode(200).body("items.size()", equalTo(0));
            stack.as(parent).get(stack.analytics() + "/api/consents").then().statusCode(200).body("items.size()", equalTo(0));
        }
        for (String clinician : clinicians) {
            stack.as(clinician).get(stack.analytics() + "/api/cohorts").then().statusCode(200).body("items.size()", equalTo(0));
        }

        // a barrier: a valid session of another user, committed after every hostile request; the relay publishes in
        // commit order, so anything the hostile requests had written was sent before it, in its pass or an earlier one
        String sentinel = stack.newUser("parent");
        stack.as(sentinel).contentType(ContentType.JSON).body(VALID).post(stack.session() + "/api/sessions").then().statusCode(201);
        List<String> hostileIds = Stream.concat(parents.stream(), clinicians.stream()).map(journeys::subject).toList();
        List<ConsumerRecord<String, String>> records = recordsThroughBarrier(journeys.subject(sentinel));
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

    /**
     * Every record on the Supplyline topics up to the barrier: the topics are read from the beginning until the
     * record keyed by {@code barrierKey} is on the sessions topic, then every partition to its end offset taken at that
     * moment. Fails when either is not reached within {@link #KAFKA_BOUND}, instead of judging what a partial read saw.
     */
    private static List<ConsumerRecord<String, String>> recordsThroughBarrier(String barrierKey) {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(SessionTopicRecords.readerProperties(stack))) {
            List<TopicPartition> partitions = new ArrayList<>();
            Topics.ALL.forEach((topic, count) -> {
                for (int p = 0; p < count; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await("the barrier record keyed " + barrierKey + " on " + Topics.SESSIONS).atMost(KAFKA_BOUND)
                    .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        boolean barrier = false;
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                            read.add(r);
                            barrier |= Topics.SESSIONS.equals(r.topic()) && barrierKey.equals(r.key());
                        }
                        return barrier;
                    });
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await("every partition read to its end offset after the barrier " + end).atMost(KAFKA_BOUND)
                    .pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                            return true;
                        }
                        consumer.poll(Duration.ofMillis(500)).forEach(read::add);
                        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                    });
        }
        return read;
    }

    private static String body(String user, String url) {
        return stack.as(user).get(url).then().statusCode(200).extract().asString();
    }

    /** A JSON body that cannot be read as the request at all: 400, no field to name. */
    private static void unreadable(List<Case> c, Role role, String name, Function<SystemStack, String> url, String body) {
        c.add(post(role, name, url, body, 400, null));
    }

    private static void session(List<Case> c, String name, String body, String field) {
        c.add(post(Role.PARENT, name, s -> s.session() + "/api/sessions", body, 400, field));
    }

    private static void checkIn(List<Case> c, String name, String body, String field) {
        c.add(post(Role.PARENT, name, s -> s.session() + "/api/check-ins", body, 400, field));
    }

    private static void profile(List<Case> c, String name, String body, String field) {
        c.add(request(Role.PARENT, name, "PUT", s -> s.session() + "/api/profile", "application/json", bytes(body), Map.of(),
                400, field));
    }

    private static void prefs(List<Case> c, String name, String body, String field) {
        c.add(request(Role.PARENT, name, "PUT", s -> s.notification() + "/api/preferences", "application/json", bytes(body),
                Map.of(), 400, field));
    }

    private static void subscription(List<Case> c, String name, String body, String field) {
        c.add(post(Role.PARENT, name, s -> s.notification() + "/api/push/subscriptions", body, 400, field));
    }

    private static void get(List<Case> c, Role role, String name, Function<SystemStack, String> url, int status, String field) {
        c.add(request(role, name, "GET", url, null, null, Map.of(), status, field));
    }

    private static Case post(Role role, String name, Function<SystemStack, String> url, String body, int status, String field) {
        return request(role, name, "POST", url, "application/json", bytes(body), Map.of(), status, field);
    }

    private static Case request(Role role, String name, String method, Function<SystemStack, String> url, String contentType,
            byte[] body, Map<String, String> headers, int status, String field) {
        return new Case(name, role, method, url, contentType, body, headers, status, field, 0);
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
