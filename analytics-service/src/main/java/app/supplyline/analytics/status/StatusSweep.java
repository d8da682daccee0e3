package app.supplyline.analytics.status;

import app.supplyline.analytics.config.TrendConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The windows move once a parent's local day is complete — at local midnight plus the grace
 * ({@code supplyline.trend.complete-day-grace}) — even when nothing is logged: every minute this marks for evaluation
 * the parents whose last evaluation judged an earlier day than the one now complete. Marking is idempotent, so any
 * number of instances may sweep at once.
 */
@ApplicationScoped
public class StatusSweep {

    private static final Logger LOG = Logger.getLogger(StatusSweep.class);

    private final Pool pool;
    private final Clock clock;
    private final StatusEvaluator evaluator;
    private final TrendConfig config;

    public StatusSweep(Pool pool, Clock clock, StatusEvaluator evaluator, TrendConfig config) {
        this.pool = pool;
        this.config = config;
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

    /** Marks the parents for whom a day completed since their last evaluation; returns how many. */
    public Uni<Integer> sweep() {
        return pool.preparedQuery("""
                        INSERT INTO status_due (parent_id, due_at)
                        SELECT s.parent_id, now() FROM supply_status s LEFT JOIN parent_profile p USING (parent_id)
                         WHERE s.evaluated_for
                               < (($1 AT TIME ZONE coalesce(p.timezone, 'UTC')) - make_interval(secs => $2))::date
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC),
                        config.completeDayGrace().toMillis() / 1000.0))
                .map(rows -> rows.rowCount());
    }
}
