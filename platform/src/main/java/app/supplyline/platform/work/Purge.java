package app.supplyline.platform.work;

import java.time.Duration;

/**
 * Rows a service no longer needs once they are older than {@code keep}. {@code sql} deletes at most {@code $2} rows
 * older than the cut-off {@code $1} (a {@code timestamptz}), so that a purge holds locks briefly, and must find them
 * by an index on the age column. A service declares its purges as CDI beans; {@link Retention} runs them.
 */
public record Purge(String name, Duration keep, String sql) {

    /**
     * The ids of the events an idempotent consumer applied ({@code processed_event(event_id, processed_at)}): a
     * redelivery comes within the consumer's uncommitted window, long before {@code keep}.
     */
    public static Purge processedEvents(Duration keep) {
        return new Purge("processed_event", keep, """
                WITH old AS MATERIALIZED (SELECT event_id FROM processed_event WHERE processed_at < $1 LIMIT $2)
                DELETE FROM processed_event p USING old WHERE p.event_id = old.event_id""");
    }
}
