package app.supplyline.local;

import java.time.Duration;
import java.util.Map;

/**
 * The Kafka topics of Supplyline, their partition counts (record key = parent id) and their settings. The event
 * topics keep everything (the broker's default here: consumers replay from them); a dead-letter topic keeps a
 * refused record for {@link #DEAD_LETTER_RETENTION} — long enough to look into it, not a second copy of health data
 * kept for ever.
 */
public final class Topics {

    public static final String SESSIONS = "supplyline.sessions.v1";
    public static final String ALERTS = "supplyline.alerts.v1";
    /** The parents' data keys: compacted, so a parent's latest key (or its erasure's tombstone) is what stays. */
    public static final String KEYS = "supplyline.keys.v1";
    /** Alerts a clinician opened in the inbox, for the parent's access log (notification → analytics). */
    public static final String ACCESS = "supplyline.access.v1";
    public static final String SESSIONS_ANALYTICS_DLQ = "supplyline.sessions.v1.analytics-dlq";
    public static final String ACCESS_ANALYTICS_DLQ = "supplyline.access.v1.analytics-dlq";
    public static final String SESSIONS_NOTIFICATION_DLQ = "supplyline.sessions.v1.notification-dlq";
    public static final String ALERTS_NOTIFICATION_DLQ = "supplyline.alerts.v1.notification-dlq";

    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

    /** Six partitions: parents spread over consumers, each parent's events in order on one partition. */
    public static final Map<String, Integer> ALL = Map.of(SESSIONS, 6, ALERTS, 6, KEYS, 3, ACCESS, 6, ACCESS_ANALYTICS_DLQ, 3, SESSIONS_ANALYTICS_DLQ, 3,
            SESSIONS_NOTIFICATION_DLQ, 3, ALERTS_NOTIFICATION_DLQ, 3);

    private static final Map<String, String> DEAD_LETTER = Map.of("retention.ms",
            Long.toString(DEAD_LETTER_RETENTION.toMillis()));

    /** Settings that differ from the broker's defaults, by topic. */
    public static final Map<String, Map<String, String>> SETTINGS = Map.of(KEYS, Map.of("cleanup.policy", "compact",
                    "segment.ms", Long.toString(Duration.ofHours(1).toMillis()),
                    "max.compaction.lag.ms", Long.toString(Duration.ofDays(1).toMillis()),
                    "delete.retention.ms", Long.toString(Duration.ofDays(1).toMillis())),
            SESSIONS_ANALYTICS_DLQ, DEAD_LETTER, ACCESS_ANALYTICS_DLQ, DEAD_LETTER,
            SESSIONS_NOTIFICATION_DLQ, DEAD_LETTER, ALERTS_NOTIFICATION_DLQ, DEAD_LETTER);

    private Topics() {
    }
}
