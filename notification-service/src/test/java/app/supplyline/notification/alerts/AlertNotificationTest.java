package app.supplyline.notification.alerts;

import app.supplyline.local.testing.EventSchemas;
import app.supplyline.local.testing.KafkaTestResource;
import app.supplyline.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Status changes and missed milestones from supplyline.alerts.v1, exactly as the analytics-service publishes them
 * (checked against its schemas, version 1 and 2 of the status change), become notifications once per episode (or
 * milestone) and recipient, whatever is delivered twice; only a recovery is announced as one.
 */
@QuarkusTest
class AlertNotificationTest {

    static final EventSchemas PRODUCER_SCHEMAS = EventSchemas.load(Path.of("../analytics-service/src/main/resources/schemas"));
    static final String TYPE = "app.supplyline.analytics.supply-status-changed.v1";
    static final String MILESTONE_TYPE = "app.supplyline.analytics.milestone-missed.v1";

    @jakarta.inject.Inject
    app.supplyline.notification.support.TestClock clock;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    private final List<String> sentIds = new java.util.ArrayList<>();
    private KafkaProducer<String, String> producer;
    private final String parentId = UUID.randomUUID().toString();
    private final String nurse = "clinician-" + UUID.randomUUID();
    private final String doctor = "clinician-" + UUID.randomUUID();
    private final String episode = UUID.randomUUID().toString();
    /** The name the parent shared with their clinicians when consenting. */
    private final String displayName = "Camille R.";

    @BeforeEach
    void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.broker().bootstrapServers()), new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void close() {
        producer.close();
        clock.reset();
    }

    /** The service's clock moves on, so that the inbox order (newest first) is the order of the events. */
    private void later() {
        clock.set(clock.instant().plusSeconds(60));
    }

    /** Whether this many of the events sent by this test were consumed (recorded as processed). */
    /** How many times the trigger refused the parent's notification (0 before the first refusal). */
    private long refusedAttempts() throws java.sql.SQLException {
        try (var c = db.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM refused_attempts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean processed(int events) throws java.sql.SQLException {
        String ids = String.join(",", sentIds.stream().map(id -> "'" + id + "'").toList());
        try (var c = db.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM processed_event WHERE event_id IN (" + ids + ")")) {
            rs.next();
            return rs.getLong(1) >= events;
        }
    }

    private JsonObject change(String previous, String status, List<String> reasons, String episodeId, Double changePct) {
        return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parentId).put("type", TYPE)
                .put("schemaVersion", 1).put("occurredAt", Instant.now().toString()).put("previousStatus", previous)
                .put("status", status).put("reasons", new JsonArray(reasons)).put("episodeId", episodeId)
                .put("evaluatedFor", "2026-11-27").put("clinicianIds", new JsonArray(List.of(nurse, doctor)))
                .put("metrics", new JsonObject().put("currentAvgMl", 560.0).put("baselineAvgMl", 800.0)
                        .put("changePct", changePct).put("slopeMlPerDay", -21.4).put("removalsPerDay", 8.0)
                        .put("regularDays", 7).put("adherencePct", 100.0).put("longestGapMinutes", 186));
    }

    /**
     * A change since schema version 2: what it means for an episode ({@code explanation}'s transition), the name the
     * parent shared, and the figures; the version-1 metrics stay (their {@code changePct} is the daily total's).
     */
    private JsonObject changeV2(String previous, String status, List<String> reasons, String episodeId,
            Double dailyChangePct, JsonObject explanation) {
        return change(previous, status, reasons, episodeId, dailyChangePct).put("schemaVersion", 2)
                .put("transition", explanation.getString("transition")).put("parentDisplayName", displayName)
                .put("explanation", explanation);
    }

    /**
     * The figures of a parent who pumps and nurses (levels per pumping, mL), C = 20–26 Nov against B = 13–19 Nov;
     * {@code reference} is the level before the drop, in an episode. No current level: no volumes logged in C.
     */
    private static JsonObject explanation(String status, String reason, String transition, Double current,
            Double baseline, Double reference) {
        return new JsonObject().put("currentFrom", "2026-11-20").put("currentTo", "2026-11-26")
                .put("baselineFrom", "2026-11-13").put("baselineTo", "2026-11-19").put("feedingMode", "MIXED")
                .put("reducingOnPurpose", false).put("ruleSet", "ESTABLISHED").put("levelKind", "PER_PUMPING")
                .put("currentLevel", current).put("baselineLevel", baseline).put("changePct", pct(current, baseline))
                .put("referenceLevel", reference).put("changeFromReferencePct", pct(current, reference))
                .put("volumeDaysCurrent", current == null ? 0 : 7).put("volumeDaysBaseline", baseline == null ? 0 : 7)
                .put("removalsPerDay", current == null ? 0.0 : 7.6).put("baselineRemovalsPerDay", 7.7).put("loggedDays", 7).put("regularDays", 6)
                .put("longestGapMinutes", current == null ? null : 215)
                .put("status", status).put("reason", reason).put("transition", transition);
    }

    private static Double pct(Double level, Double against) {
        return level == null || against == null ? null : Math.round((level - against) / against * 1000) / 10.0;
    }

    /** Coming to volume missed: the baby is 14 days old and no day reached 500 mL. */
    private JsonObject milestoneMissed(double bestDayMl) {
        return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parentId)
                .put("type", MILESTONE_TYPE).put("schemaVersion", 1).put("occurredAt", Instant.now().toString())
                .put("milestone", "COMING_TO_VOLUME").put("babyBirthDate", "2026-11-13").put("dayOfLife", 14)
                .put("thresholdMl", 500).put("bestDayMl", bestDayMl).put("evaluatedFor", "2026-11-27")
                .put("clinicianIds", new JsonArray(List.of(nurse, doctor))).put("parentDisplayName", displayName)
                .put("explanation", explanation("STABLE", null, null, 38.0, 37.0, null));
    }

    private void send(JsonObject event) throws Exception {
        String type = event.getString("type");
        assertEquals(List.of(), PRODUCER_SCHEMAS.errors(type, event.encode()), "a valid " + type);
        sendRaw(event.encode(), event.getString("eventId"), type);
    }

    private void sendRaw(String body, String id) throws Exception {
        sendRaw(body, id, TYPE);
    }

    private void sendRaw(String body, String id, String type) throws Exception {
        sentIds.add(id);
        ProducerRecord<String, String> record = new ProducerRecord<>("supplyline.alerts.v1", parentId, body);
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", id.getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/supplyline/analytics-service".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    private static RequestSpecification as(String subject, String role) {
        return RestAssured.given().auth().oauth2(TestTokens.token(subject, role));
    }

    private static int inboxSize(String subject, String role) {
        return as(subject, role).get("/api/notifications").then().statusCode(200).extract().path("items.size()");
    }

    @Test
    void enteringSeekHelpNotifiesTheParentAndEachClinicianOncePerEpisode() throws Exception {
        JsonObject seekHelp = change("STABLE", "SEEK_HELP", List.of("SUPPLY_DROP"), episode, -30.0);
        send(seekHelp);
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 1
                && inboxSize(nurse, "clinician") == 1 && inboxSize(doctor, "clinician") == 1);

        // the same event again, and the same episode announced again under a new event id (a restarted producer)
        sendRaw(seekHelp.encode(), seekHelp.getString("eventId"));
        send(change("STABLE", "SEEK_HELP", List.of("SUPPLY_DROP"), episode, -31.0));
        // a later, unrelated change of this parent proves the two above were consumed before we count
        send(change("SEEK_HELP", "SEEK_HELP", List.of("SUPPLY_DROP", "FREQUENCY_LOW"), episode, -29.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(3));
        later();
        JsonObject recovered = change("SEEK_HELP", "STABLE", List.of(), episode, -5.0);
        send(recovered);
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 2);

        as(parentId, "parent").get("/api/notifications").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].kind", equalTo("RECOVERED"))
                .body("items[1].kind", equalTo("SEEK_HELP"))
                .body("items[1].title", equalTo("Your pumped volume is lower"))
                // a version-1 event has no dates or levels: the change alone
                .body("items[1].body", containsString("This week you pumped 30% less than the week before"))
                .body("items[1].body", containsString("Keep nursing or pumping as usual"))
                .body("items[1].body", containsString("lactation consultant (IBCLC)"))
                .body("items[1].data.episodeId", equalTo(episode))
                .body("items[1].readAt", equalTo(null));
        for (String clinician : List.of(nurse, doctor)) {
            as(clinician, "clinician").get("/api/notifications").then().statusCode(200)
                    .body("items", hasSize(2))
                    .body("items[1].kind", equalTo("CLINICIAN_ALERT"))
                    .body("items[1].body", containsString("Parent " + parentId.substring(0, 8)))
                    .body("items[1].data.parentId", equalTo(parentId))
                    .body("items[0].kind", equalTo("RECOVERED"));
        }
    }

    @Test
    void aTipWhenRemovalBecameIrregularAtMostOncePerThreeDaysInTheParentsLanguage() throws Exception {
        as(parentId, "parent").contentType(ContentType.JSON).body("{\"locale\":\"fr\"}").put("/api/preferences")
                .then().statusCode(200).body("locale", equalTo("fr"));
        send(change("STABLE", "WATCH", List.of("FREQUENCY_LOW"), null, -12.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 1);
        later();
        send(change("WATCH", "STABLE", List.of(), null, -2.0));
        send(change("STABLE", "WATCH", List.of("FREQUENCY_LOW"), null, -11.0));
        send(change("WATCH", "SEEK_HELP", List.of("SUPPLY_DROP"), episode, -24.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 2);
        as(parentId, "parent").get("/api/notifications").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].kind", equalTo("SEEK_HELP"))
                .body("items[0].title", equalTo("Votre volume tiré est plus bas"))
                .body("items[1].kind", equalTo("TIP"))
                .body("items[1].body", containsString("séances régulières de jour comme de nuit"));
    }

    /** The start of an episode since schema version 2: the level per pumping fell from 120 to 84 mL. */
    private JsonObject episodeStarted() {
        return changeV2("STABLE", "SEEK_HELP", List.of("SUPPLY_DROP"), episode, -18.0,
                explanation("SEEK_HELP", "SUPPLY_DROP", "EPISODE_STARTED", 84.0, 120.0, 120.0));
    }

    @Test
    void anEpisodeThatEndsAtALowerLevelIsToldCalmlyAndNeverAsARecovery() throws Exception {
        send(episodeStarted());
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 1
                && inboxSize(nurse, "clinician") == 1 && inboxSize(doctor, "clinician") == 1);
        later();
        // out of SEEK_HELP at 96 mL, 20 % below the 120 before the drop, steady over the last week (90 → 96)
        send(changeV2("SEEK_HELP", "WATCH", List.of("LOWER_LEVEL"), episode, 4.0,
                explanation("WATCH", "LOWER_LEVEL", "LOWER_LEVEL", 96.0, 90.0, 120.0)));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 2
                && inboxSize(nurse, "clinician") == 2 && inboxSize(doctor, "clinician") == 2);

        as(parentId, "parent").get("/api/notifications").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.kind", not(hasItem("RECOVERED")))
                .body("items[0].kind", equalTo("LOWER_LEVEL"))
                .body("items[0].title", equalTo("Your pumped volume has settled"))
                .body("items[0].body", containsString("settled at 96 mL per pumping, about 20% below your level before "
                        + "it fell (120 mL per pumping)"))
                .body("items[0].body", containsString("not an emergency"))
                .body("items[0].body", containsString("lactation consultant"))
                .body("items[0].data.transition", equalTo("LOWER_LEVEL"))
                .body("items[0].data.explanation.changeFromReferencePct", equalTo(-20.0f))
                .body("items[0].data.explanation.referenceLevel", equalTo(120.0f))
                .body("items[0].data.parentDisplayName", equalTo(displayName))
                // the level per pumping fell by 30 %, the daily total by 18 %: the message tells the level
                .body("items[1].kind", equalTo("SEEK_HELP"))
                .body("items[1].body", containsString("From 20 November to 26 November you pumped 84 mL per pumping "
                        + "on average, 30% less than the week before (120 mL per pumping)"))
                .body("items[1].data.transition", equalTo("EPISODE_STARTED"));
        for (String clinician : List.of(nurse, doctor)) {
            as(clinician, "clinician").get("/api/notifications").then().statusCode(200)
                    .body("items", hasSize(2))
                    .body("items.kind", not(hasItem("RECOVERED")))
                    .body("items[0].kind", equalTo("LOWER_LEVEL"))
                    .body("items[0].body",
                            equalTo(displayName + ": pumped volume settled about 20% below its level before the drop "
                                    + "(96 mL per pumping compared with 120 mL per pumping)."))
                    .body("items[0].data.parentId", equalTo(parentId))
                    .body("items[1].kind", equalTo("CLINICIAN_ALERT"))
                    .body("items[1].body", containsString(displayName + ": pumped 84 mL per pumping on average from "
                            + "20 November to 26 November, 30% less than the week before"));
        }
    }

    @Test
    void anEpisodeWhoseVolumesStoppedSaysTheStatusIsUnknownNotRecovered() throws Exception {
        send(episodeStarted());
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 1);
        later();
        // nothing pumped was logged in the last week
        send(changeV2("SEEK_HELP", "INSUFFICIENT_DATA", List.of("NO_RECENT_DATA"), episode, null,
                explanation("INSUFFICIENT_DATA", "NO_RECENT_DATA", "NO_RECENT_DATA", null, 84.0, 120.0)));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 2
                && inboxSize(nurse, "clinician") == 2 && inboxSize(doctor, "clinician") == 2);

        as(parentId, "parent").get("/api/notifications").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.kind", not(hasItem("RECOVERED")))
                .body("items[0].kind", equalTo("NO_RECENT_DATA"))
                .body("items[0].body", containsString("no longer tell how your supply is doing"))
                .body("items[0].body", containsString("No pumped volumes were logged"))
                .body("items[0].body", containsString("Log your next sessions"))
                .body("items[0].data.status", equalTo("INSUFFICIENT_DATA"))
                .body("items[0].data.explanation.currentLevel", equalTo(null));
        for (String clinician : List.of(nurse, doctor)) {
            as(clinician, "clinician").get("/api/notifications").then().statusCode(200)
                    .body("items", hasSize(2))
                    .body("items.kind", not(hasItem("RECOVERED")))
                    .body("items[0].kind", equalTo("NO_RECENT_DATA"))
                    .body("items[0].body",
                            equalTo(displayName + ": no pumped volumes logged lately; the status cannot be judged."));
        }
    }

    @Test
    void onlyARecoveredTransitionIsAnnouncedAsARecovery() throws Exception {
        send(episodeStarted());
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 1);
        later();
        // back to 118 mL per pumping, within the margin of the 120 before the drop
        send(changeV2("SEEK_HELP", "STABLE", List.of(), episode, 16.0,
                explanation("STABLE", null, "RECOVERED", 118.0, 100.0, 120.0)));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 2
                && inboxSize(nurse, "clinician") == 2 && inboxSize(doctor, "clinician") == 2);

        as(parentId, "parent").get("/api/notifications").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].kind", equalTo("RECOVERED"))
                .body("items[0].title", equalTo("Your pumped volume is back up"))
                .body("items[0].data.transition", equalTo("RECOVERED"));
        for (String clinician : List.of(nurse, doctor)) {
            as(clinician, "clinician").get("/api/notifications").then().statusCode(200)
                    .body("items", hasSize(2))
                    .body("items[0].kind", equalTo("RECOVERED"))
                    .body("items[0].body", equalTo(displayName + ": pumped volume back close to its level before the "
                            + "drop (118 mL per pumping compared with 120 mL per pumping)."));
        }
    }

    @Test
    void aMissedMilestoneReachesTheParentAndEachClinicianOnceWhateverIsDeliveredAgain() throws Exception {
        JsonObject missed = milestoneMissed(410.0);
        send(missed);
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 1
                && inboxSize(nurse, "clinician") == 1 && inboxSize(doctor, "clinician") == 1);

        // the same event again, and the same milestone announced again under a new event id (a rebuilt projection)
        sendRaw(missed.encode(), missed.getString("eventId"), MILESTONE_TYPE);
        send(milestoneMissed(430.0));
        later();
        // a later change of this parent, on the same partition, shows the two above were consumed before we count
        send(changeV2("STABLE", "WATCH", List.of("FREQUENCY_LOW"), null, -6.0,
                explanation("WATCH", "FREQUENCY_LOW", null, 70.0, 74.0, null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 2);

        as(parentId, "parent").get("/api/notifications").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].kind", equalTo("TIP"))
                .body("items[1].kind", equalTo("MILESTONE"))
                .body("items[1].title", equalTo("About your pumped volume"))
                .body("items[1].body", containsString("14 days old"))
                .body("items[1].body", containsString("has not reached 500 mL a day yet (your best day: 410 mL)"))
                .body("items[1].body", containsString("lactation consultant"))
                .body("items[1].body", containsString("8 or more times a day"))
                .body("items[1].data.milestone", equalTo("COMING_TO_VOLUME"))
                .body("items[1].data.dayOfLife", equalTo(14))
                .body("items[1].data.babyBirthDate", equalTo("2026-11-13"));
        for (String clinician : List.of(nurse, doctor)) {
            as(clinician, "clinician").get("/api/notifications").then().statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].kind", equalTo("MILESTONE"))
                    .body("items[0].body", equalTo(displayName
                            + ": baby 14 days old, pumped volume below 500 mL a day (best day 410 mL)."))
                    .body("items[0].data.parentId", equalTo(parentId));
        }
    }

    @Test
    void fewerRemovalsADayGetATipInTheirOwnWords() throws Exception {
        send(changeV2("STABLE", "WATCH", List.of("FEWER_REMOVALS"), null, -14.0,
                explanation("WATCH", "FEWER_REMOVALS", null, 88.0, 100.0, null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 1);
        as(parentId, "parent").get("/api/notifications").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].kind", equalTo("TIP"))
                // the parent's own figures: 7.6 removals a day now, 7.7 the week before
                .body("items[0].body", containsString("You removed milk 7.6 times a day over the last 7 days, "
                        + "compared with 7.7 the week before"))
                .body("items[0].body", containsString("supply follows removal"));
    }

    /**
     * The alert is delivered but its transaction cannot commit (a trigger fails every new notification of the parent
     * with a transient error, serialization_failure, as if the process died before the commit); nothing is recorded,
     * the alert is tried again — never dead-lettered, a transient failure is no poison — and once the database
     * accepts it, it is served exactly once. The attempts are counted by a sequence the trigger advances (a sequence
     * is not rolled back with its transaction), so the test sees attempts that failed, not just an absence.
     */
    @Test
    void anAlertWhoseTransactionNeverCommittedIsServedOnceWhenItComesAgain() throws Exception {
        try (var c = db.getConnection(); var st = c.createStatement()) {
            st.execute("CREATE SEQUENCE refused_attempts");
            st.execute("""
                    CREATE FUNCTION refuse_during_test() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.user_id = '%s' THEN
                            PERFORM nextval('refused_attempts');
                            RAISE EXCEPTION 'refused during the test' USING ERRCODE = '40001';
                        END IF;
                        RETURN NEW;
                    END $$""".formatted(parentId));
            st.execute("CREATE TRIGGER refuse_during_test BEFORE INSERT ON notification FOR EACH ROW"
                    + " EXECUTE FUNCTION refuse_during_test()");
        }
        JsonObject seekHelp = change("STABLE", "SEEK_HELP", List.of("SUPPLY_DROP"), episode, -30.0);
        send(seekHelp);
        try {
            // delivered, attempted and rolled back more often than a poison record is (supplyline.consumer.max-attempts,
            // 3): a transient failure is retried for as long as it lasts, and leaves no trace
            await().atMost(Duration.ofSeconds(30)).until(() -> refusedAttempts() >= 5);
            assertEquals(false, processed(1));
            assertEquals(0, inboxSize(nurse, "clinician"));
        } finally {
            try (var c = db.getConnection(); var st = c.createStatement()) {
                st.execute("DROP TRIGGER refuse_during_test ON notification");
                st.execute("DROP FUNCTION refuse_during_test()");
                st.execute("DROP SEQUENCE refused_attempts");
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> inboxSize(parentId, "parent") == 1
                && inboxSize(nurse, "clinician") == 1 && inboxSize(doctor, "clinician") == 1);
        sendRaw(seekHelp.encode(), seekHelp.getString("eventId"));
        send(change("SEEK_HELP", "SEEK_HELP", List.of("SUPPLY_DROP"), episode, -31.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(2)); // two distinct events, one of them twice
        assertEquals(1, inboxSize(parentId, "parent"));
        assertEquals(1, inboxSize(nurse, "clinician"));
    }

    @Test
    void anUnreadableAlertGoesToTheDeadLetterTopicAndTheNextOneIsStillServed() throws Exception {
        // without a type nothing can be read; of a known type, it lacks what that type needs
        sendRaw("{\"eventId\":\"not-a-uuid\"}", UUID.randomUUID().toString());
        sendRaw(new JsonObject().put("eventId", "not-a-uuid").put("parentId", parentId).put("type", TYPE).encode(),
                UUID.randomUUID().toString());
        send(change("STABLE", "SEEK_HELP", List.of("SUPPLY_DROP"), episode, -30.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 1);
        List<String> dead = new java.util.ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers(),
                org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of("supplyline.alerts.v1.notification-dlq"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    var reason = r.headers().lastHeader("dead-letter-reason");
                    if (parentId.equals(r.key()) && reason != null) {
                        dead.add(new String(reason.value(), StandardCharsets.UTF_8));
                    }
                });
                return dead.size() >= 2;
            });
        }
        assertEquals(2, dead.size(), dead.toString());
        org.junit.jupiter.api.Assertions.assertTrue(dead.get(0).startsWith("Not an alert"), dead.get(0));
        org.junit.jupiter.api.Assertions.assertTrue(dead.get(1).startsWith("Not a SupplyStatusChanged"), dead.get(1));
    }

    @Test
    void theInboxPagesMarksReadAndHidesOtherUsersNotifications() throws Exception {
        send(change("STABLE", "SEEK_HELP", List.of("SUPPLY_DROP"), episode, -30.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 1);
        later();
        send(change("SEEK_HELP", "STABLE", List.of(), episode, -5.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 2);
        later();
        send(change("STABLE", "WATCH", List.of("FREQUENCY_LOW"), null, -12.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 3);

        String cursor = as(parentId, "parent").get("/api/notifications?limit=2").then().statusCode(200)
                .body("items", hasSize(2)).extract().path("nextCursor");
        as(parentId, "parent").get("/api/notifications?limit=2&cursor=" + cursor).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].kind", equalTo("SEEK_HELP")).body("nextCursor", equalTo(null));

        String id = as(parentId, "parent").get("/api/notifications").then().extract().path("items[0].id");
        as(nurse, "clinician").post("/api/notifications/" + id + "/read").then().statusCode(404)
                .contentType("application/problem+json");
        as(parentId, "parent").post("/api/notifications/" + id + "/read").then().statusCode(204);
        as(parentId, "parent").post("/api/notifications/" + id + "/read").then().statusCode(204);
        as(parentId, "parent").get("/api/notifications?unread=true").then().statusCode(200).body("items", hasSize(2));
        as(parentId, "parent").post("/api/notifications/not-a-uuid/read").then().statusCode(404);

        for (String query : List.of("limit=0", "limit=501", "cursor=garbage", "unread=maybe")) {
            as(parentId, "parent").get("/api/notifications?" + query).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(query.substring(0, query.indexOf('='))));
        }
        RestAssured.get("/api/notifications").then().statusCode(401);
        as(parentId, "admin").get("/api/notifications").then().statusCode(403);
    }
}
