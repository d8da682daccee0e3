package app.supplyline.analytics.trend;

/**
 * How the parent feeds, as declared in their profile; it decides what the status can measure. Not declared (null)
 * is judged as {@link #EXCLUSIVELY_PUMPING}.
 */
public enum FeedingMode {
    /** All milk is pumped: the daily pumped total is the supply. */
    EXCLUSIVELY_PUMPING,
    /** Pumping and nursing: the mL per pumping session and the count of all removals tell the supply. */
    MIXED,
    /** Mostly at the breast: only frequency and gaps can be judged; volumes raise no alarm. */
    MOSTLY_NURSING;

    public static FeedingMode orDefault(FeedingMode mode) {
        return mode == null ? EXCLUSIVELY_PUMPING : mode;
    }

    /** Read from the profile event; null or an unknown value is "not declared". */
    public static FeedingMode parse(String value) {
        if (value == null) {
            return null;
        }
        for (FeedingMode mode : values()) {
            if (mode.name().equals(value)) {
                return mode;
            }
        }
        return null;
    }
}
