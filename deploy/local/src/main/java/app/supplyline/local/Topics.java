package app.supplyline.local;

import java.util.Map;

/** The Kafka topics of Supplyline and their partition counts (record key = parent id). */
public final class Topics {

    public static final String SESSIONS = "supplyline.sessions.v1";
    public static final String ALERTS = "supplyline.alerts.v1";

    /** Six partitions: parents spread over consumers, each parent's events in order on one partition. */
    public static final Map<String, Integer> ALL = Map.of(SESSIONS, 6, ALERTS, 6);

    private Topics() {
    }
}
