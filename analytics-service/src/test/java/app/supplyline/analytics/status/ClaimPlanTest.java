package app.supplyline.analytics.status;

import app.supplyline.local.testing.PlanCheck;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluator's claim cannot degenerate: over 100,000 due parents (as after a rebuild or a midnight sweep), with
 * statistics taken before they came (stale) and then fresh, and with the generic plan, a pass takes a full batch,
 * locks it once and reads no more than a few batches' worth of status_due. Checked on what PostgreSQL actually ran
 * (EXPLAIN ANALYZE); the rows exist only in the check's own transaction, which is rolled back.
 */
@QuarkusTest
class ClaimPlanTest {

    static final String DUE = "INSERT INTO status_due (parent_id, due_at) SELECT 'claim-plan-' || g,"
            + " now() - interval '1 hour' + random() * interval '1 minute' FROM generate_series(1, 100000) g";

    @Inject
    AgroalDataSource db;

    @Test
    void theStatusClaimReadsOnlyItsBatchWithStaleOrFreshStatisticsAndAGenericPlan() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE status_due");
            check(PlanCheck.generic(c, List.of(DUE), StatusEvaluator.CLAIM, "int", Integer.toString(StatusEvaluator.BATCH)),
                    "stale statistics");
            check(PlanCheck.generic(c, List.of(DUE, "ANALYZE status_due"), StatusEvaluator.CLAIM, "int",
                    Integer.toString(StatusEvaluator.BATCH)), "fresh statistics");
        }
    }

    private static void check(PlanCheck.Plan plan, String statistics) {
        String shown = statistics + "\n" + plan.text();
        assertEquals(1, plan.lockLoops(), "the batch is locked once, " + shown);
        assertTrue(plan.text().contains("rows=" + StatusEvaluator.BATCH), "a full batch claimed, " + shown);
        assertTrue(plan.rows("status_due") <= 5L * StatusEvaluator.BATCH, plan.rows("status_due") + " rows read, " + shown);
    }
}
