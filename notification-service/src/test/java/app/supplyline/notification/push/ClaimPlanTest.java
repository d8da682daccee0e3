package app.supplyline.notification.push;

import app.supplyline.local.testing.PlanCheck;
import app.supplyline.local.testing.SettableClock;
import app.supplyline.notification.reminder.ReminderPlans;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claims' plans cannot degenerate: over 100,000 due pushes (each its own notification) and 100,000 due
 * reminders, with statistics taken before those rows came (stale) and then fresh, and with the generic plan a
 * prepared statement falls back to, a pass claims a full batch, locks it once, and reads no more than a few batches'
 * worth of rows of any table — never a table per pass, nor per row. Checked on what PostgreSQL actually ran (EXPLAIN
 * ANALYZE, rolled back). The rows are due one day after the tests' service clock, so the running service never
 * takes them.
 */
@QuarkusTest
class ClaimPlanTest {

    static final int DUE = 100_000;
    static final String USERS = "claim-plan-";

    @Inject
    AgroalDataSource db;

    @Test
    void theClaimsReadOnlyTheirBatchWithStaleOrFreshStatisticsAndAGenericPlan() throws Exception {
        Instant due = SettableClock.START.plusSeconds(86_400);
        String at = "timestamptz '" + due.plusSeconds(3600) + "'";
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("push_delivery", "notification", "push_subscription", "parent_clock")) {
                s.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
                s.execute("ANALYZE " + table); // statistics without the rows below: stale once they come
            }
            try {
                s.execute("INSERT INTO push_subscription (id, user_id, endpoint, p256dh, auth, created_at)"
                        + " SELECT gen_random_uuid(), '" + USERS + "' || g, 'http://127.0.0.1:1/" + USERS + "' || g, 'k', 'a', now()"
                        + " FROM generate_series(1, 1000) g");
                s.execute("INSERT INTO notification (id, user_id, kind, title, body, data, dedupe_key, created_at)"
                        + " SELECT gen_random_uuid(), '" + USERS + "' || (g % 1000 + 1), 'REMINDER', 't', 'b', '{}',"
                        + " '" + USERS + "' || g, now() FROM generate_series(1, " + DUE + ") g");
                s.execute("INSERT INTO push_delivery (notification_id, subscription_id, next_attempt_at)"
                        + " SELECT n.id, p.id, timestamptz '" + due + "' + random() * interval '1 minute'"
                        + " FROM notification n JOIN push_subscription p ON p.user_id = n.user_id"
                        + " WHERE n.user_id LIKE '" + USERS + "%'");
                s.execute("INSERT INTO parent_clock (parent_id, timezone, last_removal_end, due_at)"
                        + " SELECT '" + USERS + "' || g, 'UTC', timestamptz '" + due + "' - interval '3 hours',"
                        + " timestamptz '" + due + "' + random() * interval '1 minute' FROM generate_series(1, " + DUE + ") g");

                for (String statistics : List.of("stale statistics", "fresh statistics")) {
                    PlanCheck.Plan push = PlanCheck.generic(c, PushDispatcher.CLAIM, "timestamptz, timestamptz, int",
                            at + ", " + at + ", " + PushDispatcher.BATCH);
                    assertBatch(push, "push_delivery", PushDispatcher.BATCH, statistics);
                    PlanCheck.Plan subscriptions = PlanCheck.generic(c, PushDispatcher.SUBSCRIPTIONS, "uuid[]",
                            ids(c, "SELECT id FROM push_subscription WHERE user_id LIKE '" + USERS + "%' LIMIT 200"));
                    assertTrue(subscriptions.rows("push_subscription") <= 5L * PushDispatcher.BATCH, statistics + "\n"
                            + subscriptions.text());
                    PlanCheck.Plan notifications = PlanCheck.generic(c, PushDispatcher.NOTIFICATIONS, "uuid[]",
                            ids(c, "SELECT id FROM notification WHERE user_id LIKE '" + USERS + "%' LIMIT 200"));
                    assertTrue(notifications.rows("notification") <= 5L * PushDispatcher.BATCH, statistics + "\n"
                            + notifications.text());
                    PlanCheck.Plan reminders = PlanCheck.generic(c, ReminderPlans.CLAIM,
                            "timestamptz, int", at + ", " + ReminderPlans.BATCH);
                    assertBatch(reminders, "parent_clock", ReminderPlans.BATCH, statistics);
                    s.execute("ANALYZE push_delivery, notification, push_subscription, parent_clock");
                }
            } finally {
                s.execute("DELETE FROM parent_clock WHERE parent_id LIKE '" + USERS + "%'");
                s.execute("DELETE FROM push_subscription WHERE user_id LIKE '" + USERS + "%'"); // cascades to deliveries
                s.execute("DELETE FROM notification WHERE user_id LIKE '" + USERS + "%'");
                for (String table : List.of("push_delivery", "notification", "push_subscription", "parent_clock")) {
                    s.execute("ALTER TABLE " + table + " RESET (autovacuum_enabled)");
                }
            }
        }
    }

    private static void assertBatch(PlanCheck.Plan plan, String table, int batch, String statistics) {
        String shown = statistics + "\n" + plan.text();
        assertEquals(1, plan.lockLoops(), "the batch is locked once, " + shown);
        assertTrue(plan.text().contains("rows=" + batch), "a full batch claimed, " + shown);
        assertTrue(plan.rows(table) <= 5L * batch, plan.rows(table) + " rows of " + table + " for a batch of " + batch
                + ", " + shown);
    }

    /** The ids the query answers, as an array literal. */
    private static String ids(Connection c, String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return "'{" + String.join(",", ids) + "}'::uuid[]";
    }
}
