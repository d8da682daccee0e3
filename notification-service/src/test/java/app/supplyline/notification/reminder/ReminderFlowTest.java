package app.supplyline.notification.reminder;

import app.supplyline.local.LocalPushService;
import app.supplyline.local.testing.LocalPushTestResource;
import app.supplyline.local.testing.Sql;
import app.supplyline.notification.support.Sessions;
import app.supplyline.notification.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static app.supplyline.notification.support.Api.as;
import static app.supplyline.notification.support.Api.register;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reminders from the last removal's end: exactly one per gap, to the inbox and as a decrypted push; not before the
 * parent's removals have settled, so a backlog is reminded once, for its last gap; a removal logged before the due
 * time moves it; quiet hours defer it; reminders turned off send nothing; the INBOX channel alone sends no push; two
 * schedulers racing send each reminder once. A scheduler pass reminds every due parent, other tests' too, so each
 * test counts the reminders and pushes of its own parents.
 */
@QuarkusTest
class ReminderFlowTest {

    static LocalPushService push;

    @Inject
    TestClock clock;

    @Inject
    ReminderScheduler scheduler;

    @Inject
    AgroalDataSource db;

    private final String parentId = UUID.randomUUID().toString();

    /** supplyline.reminders.settle */
    static final Duration SETTLE = Duration.ofSeconds(30);

    @BeforeAll
    static void startPushService() {
        push = LocalPushTestResource.service();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aGapLongerThanTheIntervalGivesExactlyOneReminderInTheInboxAndAsAPush() throws Exception {
        LocalPushService.Subscription phone = push.subscribe();
        register(parentId, "parent", phone);
        as(parentId, "parent").get("/api/reminders/next").then().statusCode(200)
                .body("lastRemovalEndedAt", nullValue()).body("dueAt", nullValue()).body("remindedForLastRemoval", equalTo(false));
        as(parentId, "clinician").get("/api/reminders/next").then().statusCode(403);
        try (Sessions sessions = new Sessions(parentId)) {
            sessions.pumping(TestClock.START.minus(Duration.ofHours(4)));
        }
        // overdue when it arrives: due once the parent's removals have settled, not at once
        await().atMost(Duration.ofSeconds(30)).until(() -> TestClock.START.plus(SETTLE).equals(due(parentId)));
        runScheduler();
        assertEquals(0, reminders(parentId), "not before the removals have settled");
        as(parentId, "parent").get("/api/reminders/next").then().statusCode(200)
                .body("lastRemovalEndedAt", equalTo(TestClock.START.minus(Duration.ofHours(4)).toString()))
                .body("dueAt", equalTo(TestClock.START.plus(SETTLE).toString()))
                .body("remindedForLastRemoval", equalTo(false));
        clock.set(TestClock.START.plus(SETTLE));
        runScheduler();
        assertEquals(1, reminders(parentId));
        as(parentId, "parent").get("/api/reminders/next").then().statusCode(200)
                .body("dueAt", nullValue()).body("remindedForLastRemoval", equalTo(true));
        await().atMost(Duration.ofSeconds(30)).until(() -> push.received(phone.id()).size() == 1);
        JsonObject payload = new JsonObject(push.received(phone.id()).get(0).payload());
        assertEquals("REMINDER", payload.getString("kind"));
        assertEquals("Time to nurse or pump", payload.getString("title"));
        assertEquals("high", push.received(phone.id()).get(0).urgency()); // asked for, and due now
        assertEquals("reminder", push.received(phone.id()).get(0).topic());
        assertEquals(3600, push.received(phone.id()).get(0).ttl());
        assertEquals("mailto:support@supplyline.app", push.received(phone.id()).get(0).vapidSubject());

        // another pass: still one reminder for this gap; once nothing is queued for the phone, it has all it will get
        runScheduler();
        assertEquals(1, reminders(parentId));
        as(parentId, "parent").get("/api/notifications").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].kind", equalTo("REMINDER"))
                .body("items[0].id", equalTo(payload.getString("id")));
        await().atMost(Duration.ofSeconds(30)).until(() -> queuedPushes(parentId) == 0);
        assertEquals(1, push.received(phone.id()).size());
    }

    @Test
    void aBacklogArrivingWhileTheSchedulerRunsIsRemindedOnceForItsLastGap() throws Exception {
        Instant lastEnd;
        try (Sessions sessions = new Sessions(parentId)) {
            // the first removals of a backlog (two days ago, then ten hours ago) arrive; the scheduler runs between
            sessions.pumping(TestClock.START.minus(Duration.ofDays(2)));
            await().atMost(Duration.ofSeconds(30)).until(() -> due(parentId) != null);
            sessions.pumping(TestClock.START.minus(Duration.ofHours(10)));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestClock.START.minus(Duration.ofHours(10))
                    .equals(lastRemovalEnd(parentId)));
            clock.set(TestClock.START.plus(SETTLE.minusSeconds(1)));
            runScheduler();
            assertEquals(0, reminders(parentId), "a gap the backlog may still close");
            // the rest of the backlog arrives later, and closes that gap
            lastEnd = TestClock.START.minus(Duration.ofHours(4));
            sessions.pumping(lastEnd);
            await().atMost(Duration.ofSeconds(30)).until(() -> lastEnd.equals(lastRemovalEnd(parentId)));
        }
        assertEquals(clock.instant().plus(SETTLE), due(parentId));
        clock.set(clock.instant().plus(SETTLE));
        runScheduler();
        assertEquals(1, reminders(parentId));
        runScheduler();
        assertEquals(1, reminders(parentId));
        as(parentId, "parent").get("/api/notifications").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].kind", equalTo("REMINDER"))
                .body("items[0].data.lastRemovalEndedAt", equalTo(lastEnd.toString()));
    }

    @Test
    void aRemovalLoggedBeforeTheDueTimeCancelsTheReminderAndAnotherGapGetsItsOwn() throws Exception {
        try (Sessions sessions = new Sessions(parentId)) {
            sessions.pumping(TestClock.START.minus(Duration.ofHours(2)));
            await().atMost(Duration.ofSeconds(30)).until(() -> due(parentId) != null);
            assertEquals(TestClock.START.plus(Duration.ofHours(1)), due(parentId));
            // logged 10 minutes ago, before the reminder went out: the due time moves with it
            sessions.pumping(TestClock.START.minus(Duration.ofMinutes(10)));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestClock.START.plus(Duration.ofMinutes(170)).equals(due(parentId)));
            clock.set(TestClock.START.plus(Duration.ofHours(2)));
            runScheduler();
            assertEquals(0, reminders(parentId), "not at the due time of the earlier removal");
            clock.set(TestClock.START.plus(Duration.ofHours(3)));
            runScheduler();
            assertEquals(1, reminders(parentId));
            assertEquals(null, due(parentId));
            as(parentId, "parent").get("/api/notifications").then().body("items", hasSize(1));
        }
    }

    @Test
    void correctionsAndDeletionsMoveTheLastRemovalBack() throws Exception {
        try (Sessions sessions = new Sessions(parentId)) {
            UUID earlier = sessions.pumping(TestClock.START.minus(Duration.ofHours(2)));
            UUID later = sessions.pumping(TestClock.START.minus(Duration.ofHours(1)));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestClock.START.plus(Duration.ofHours(2)).equals(due(parentId)));
            sessions.delete(later, 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> TestClock.START.plus(Duration.ofHours(1)).equals(due(parentId)));
            sessions.correct(earlier, 2, TestClock.START.minus(Duration.ofMinutes(30)));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestClock.START.plus(Duration.ofMinutes(150)).equals(due(parentId)));
            // a timezone where it is now night uses the night interval: 12:00 UTC is 23:00 in Sydney (UTC+11)
            sessions.timezone("Australia/Sydney");
            await().atMost(Duration.ofSeconds(30)).until(() -> TestClock.START.plus(Duration.ofMinutes(210)).equals(due(parentId)));
        }
    }

    @Test
    void quietHoursDeferTheReminderToTheirEnd() throws Exception {
        // 12:00 UTC now; quiet 11:00–13:00 in UTC
        as(parentId, "parent").contentType(ContentType.JSON)
                .body("{\"quietHours\":{\"start\":\"11:00\",\"end\":\"13:00\"}}").put("/api/preferences").then().statusCode(200);
        try (Sessions sessions = new Sessions(parentId)) {
            sessions.pumping(TestClock.START.minus(Duration.ofHours(4)));
            await().atMost(Duration.ofSeconds(30)).until(() -> due(parentId) != null);
        }
        runScheduler();
        assertEquals(0, reminders(parentId), "not in the quiet hours");
        assertEquals(Instant.parse("2026-11-20T13:00:00Z"), due(parentId));
        clock.set(Instant.parse("2026-11-20T13:00:30Z"));
        runScheduler();
        assertEquals(1, reminders(parentId));
    }

    @Test
    void turningRemindersOffCancelsTheDueReminderAndSendsNothing() throws Exception {
        LocalPushService.Subscription phone = push.subscribe();
        register(parentId, "parent", phone);
        String other = UUID.randomUUID().toString();
        LocalPushService.Subscription othersPhone = push.subscribe();
        register(other, "parent", othersPhone);
        try (Sessions mine = new Sessions(parentId); Sessions theirs = new Sessions(other)) {
            mine.pumping(TestClock.START.minus(Duration.ofHours(4)));
            theirs.pumping(TestClock.START.minus(Duration.ofHours(4)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestClock.START.plus(SETTLE).equals(due(parentId))
                && TestClock.START.plus(SETTLE).equals(due(other)));
        as(parentId, "parent").contentType(ContentType.JSON).body("{\"remindersEnabled\":false}").put("/api/preferences")
                .then().statusCode(200).body("remindersEnabled", equalTo(false));
        as(parentId, "parent").get("/api/reminders/next").then().statusCode(200)
                .body("lastRemovalEndedAt", equalTo(TestClock.START.minus(Duration.ofHours(4)).toString()))
                .body("dueAt", nullValue()).body("remindedForLastRemoval", equalTo(false));

        // well past the time both were due: the other parent is reminded in the same pass, and their push arrives
        clock.set(TestClock.START.plus(Duration.ofHours(1)));
        runScheduler();
        assertEquals(1, reminders(other));
        await().atMost(Duration.ofSeconds(30)).until(() -> push.received(othersPhone.id()).size() == 1);
        assertEquals(0, reminders(parentId));
        assertEquals(0, queuedPushes(parentId));
        as(parentId, "parent").get("/api/notifications").then().statusCode(200).body("items", hasSize(0));
        assertEquals(List.of(), push.received(phone.id()));
    }

    @Test
    void aDueReminderOfAParentWhoTurnedRemindersOffIsClearedNotSent() throws Exception {
        LocalPushService.Subscription phone = push.subscribe();
        register(parentId, "parent", phone);
        as(parentId, "parent").contentType(ContentType.JSON).body("{\"remindersEnabled\":false}").put("/api/preferences")
                .then().statusCode(200).body("remindersEnabled", equalTo(false));
        String other = UUID.randomUUID().toString();
        LocalPushService.Subscription othersPhone = push.subscribe();
        register(other, "parent", othersPhone);
        // both due, as when a parent turns reminders off while their first removal is applied: the removal's
        // transaction read the old preferences, and the change found no reminder clock yet to recompute
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String parent : List.of(parentId, other)) {
                s.execute("INSERT INTO parent_clock (parent_id, last_removal_end, due_at) VALUES ('" + parent
                        + "', '2026-11-20T06:00:00Z', '2026-11-20T09:00:00Z')");
            }
        }
        runScheduler();
        assertEquals(null, due(parentId), "cleared");
        assertEquals(1, reminders(other));
        await().atMost(Duration.ofSeconds(30)).until(() -> push.received(othersPhone.id()).size() == 1);
        assertEquals(0, reminders(parentId));
        assertEquals(0, queuedPushes(parentId));
        assertEquals(List.of(), push.received(phone.id()));
    }

    @Test
    void withTheInboxChannelOnlyTheReminderIsInTheInboxAndNoPushIsSent() throws Exception {
        LocalPushService.Subscription phone = push.subscribe();
        register(parentId, "parent", phone);
        as(parentId, "parent").contentType(ContentType.JSON).body("{\"channels\":[\"INBOX\"]}").put("/api/preferences")
                .then().statusCode(200).body("channels", equalTo(List.of("INBOX")));
        try (Sessions sessions = new Sessions(parentId)) {
            sessions.pumping(TestClock.START.minus(Duration.ofHours(4)));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestClock.START.plus(SETTLE).equals(due(parentId)));
            clock.set(TestClock.START.plus(SETTLE));
            runScheduler();
            assertEquals(1, reminders(parentId));
            // a push is deleted from the queue once the phone has it: neither queued nor received means none was sent
            assertEquals(0, queuedPushes(parentId), "no push queued for the phone");
            assertEquals(List.of(), push.received(phone.id()), "no push received by the phone");
            as(parentId, "parent").get("/api/notifications?unread=true").then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].kind", equalTo("REMINDER"));

            // the next gap, with push on again: its reminder reaches the phone, and once nothing is queued for the
            // phone, it is the only push the phone got
            sessions.pumping(TestClock.START);
            await().atMost(Duration.ofSeconds(30)).until(() -> TestClock.START.equals(lastRemovalEnd(parentId)));
        }
        as(parentId, "parent").contentType(ContentType.JSON).body("{\"channels\":[\"WEB_PUSH\",\"INBOX\"]}")
                .put("/api/preferences").then().statusCode(200);
        assertEquals(TestClock.START.plus(Duration.ofHours(3)), due(parentId));
        clock.set(TestClock.START.plus(Duration.ofHours(3)));
        runScheduler();
        assertEquals(2, reminders(parentId));
        await().atMost(Duration.ofSeconds(30)).until(() -> !push.received(phone.id()).isEmpty());
        String latest = as(parentId, "parent").get("/api/notifications").then().statusCode(200)
                .body("items", hasSize(2)).body("items[0].data.lastRemovalEndedAt", equalTo(TestClock.START.toString()))
                .extract().path("items[0].id");
        await().atMost(Duration.ofSeconds(30)).until(() -> queuedPushes(parentId) == 0);
        assertEquals(1, push.received(phone.id()).size(), "the phone got the second reminder only");
        assertEquals(latest, new JsonObject(push.received(phone.id()).get(0).payload()).getString("id"));
    }

    @Test
    void twoSchedulersRacingSendEachReminderOnce() throws Exception {
        List<String> parents = new ArrayList<>();
        List<LocalPushService.Subscription> phones = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String parent = UUID.randomUUID().toString();
            LocalPushService.Subscription phone = push.subscribe();
            register(parent, "parent", phone);
            parents.add(parent);
            phones.add(phone);
        }
        // set their clocks directly as due, as after an outage
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String parent : parents) {
                s.execute("INSERT INTO parent_clock (parent_id, last_removal_end, due_at) VALUES ('" + parent
                        + "', '2026-11-20T06:00:00Z', '2026-11-20T09:00:00Z')");
            }
        }
        // the passes also remind whichever other tests' parents are due: their counts are checked against the rows
        // they wrote, not against 60
        long remindersBefore = allReminders();
        var first = scheduler.sendAllDue().subscribeAsCompletionStage();
        var second = scheduler.sendAllDue().subscribeAsCompletionStage();
        int sent = first.get() + second.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> phones.stream().allMatch(p -> push.received(p.id()).size() == 1));
        String ours = "('" + String.join("','", parents) + "')";
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM notification WHERE kind = 'REMINDER' AND user_id IN " + ours)) {
            rs.next();
            assertEquals(60, rs.getLong(1));
        }
        assertEquals(allReminders() - remindersBefore, sent, "each reminder counted once across both schedulers");
        // nothing queued for their phones any more: no second push can still be on its way
        for (String parent : parents) {
            await().atMost(Duration.ofSeconds(30)).until(() -> queuedPushes(parent) == 0);
        }
        assertTrue(phones.stream().allMatch(p -> push.received(p.id()).size() == 1));
    }

    /** Runs the scheduler until nothing is due. It may remind other tests' parents too: tests count their own. */
    private void runScheduler() {
        scheduler.sendAllDue().await().atMost(Duration.ofSeconds(10));
    }

    /** The parent's reminders: their inbox rows (every reminder has one, whatever the channels). */
    private long reminders(String parent) throws SQLException {
        return Sql.count(db, "SELECT count(*) FROM notification WHERE kind = 'REMINDER' AND user_id = '" + parent + "'");
    }

    /** The pushes queued for the parent's devices and not delivered yet (a delivered push's row is deleted). */
    private long queuedPushes(String parent) throws SQLException {
        return Sql.count(db, "SELECT count(*) FROM push_delivery d JOIN notification n ON n.id = d.notification_id"
                + " WHERE n.user_id = '" + parent + "'");
    }

    /** Every parent's reminders. */
    private long allReminders() throws SQLException {
        return Sql.count(db, "SELECT count(*) FROM notification WHERE kind = 'REMINDER'");
    }

    private Instant lastRemovalEnd(String parent) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_removal_end FROM parent_clock WHERE parent_id = '" + parent + "'")) {
            return rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).toInstant() : null;
        }
    }

    private Instant due(String parent) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT due_at FROM parent_clock WHERE parent_id = '" + parent + "'")) {
            return rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).toInstant() : null;
        }
    }
}
