package app.supplyline.analytics.status;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The windows move at each parent's local midnight even when nothing is logged: every minute this marks for
 * evaluation the parents whose last evaluation was for an earlier local day than their today. Marking is
 * idempotent, so any number of instances may sweep at once.
 */
@ApplicationScoped
public class StatusSweep {

    private static final Logger LOG = Logger.getLogger(StatusSweep.class);

    private final Pool pool;
    private final Clock clock;
    private final StatusEvaluator evaluator;

    public StatusSweep(Pool pool, Clock clock, StatusEvaluator evaluator) {
        this.pool = pool;
        this.clock = clock;
        this.evaluator = evaluator;
    }

    @Scheduled(every = "${supplyline.status.sweep-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().invoke(marked -> {
            if (marked > 0) {
                LOG.debugf("A local day completed for %d parents", marked);
                evaluator.nudge();
            }
        }).onFailure().invoke(e -> LOG.warnf("Status sweep failed (next run retries): %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Marks the parents whose local today moved past their last evaluation; returns how many. */
    public Uni<Integer> sweep() {
        return pool.preparedQuery("""
                        INSERT INTO status_due (parent_id, due_at)
                        SELECT s.parent_id, now() FROM supply_status s LEFT JOIN parent_profile p USING (parent_id)
                         WHERE s.evaluated_for < ($1 AT TIME ZONE coalesce(p.timezone, 'UTC'))::date
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }
}
