package app.supplyline.analytics.trend;

/** What a window's supply level measures, by feeding mode. */
public enum LevelKind {
    /** The average pumped total of the days with volume (exclusive pumping). */
    DAILY_TOTAL,
    /** The average mL per pumping session (mixed feeding: the count of pumpings says little about the supply). */
    PER_PUMPING;

    /** Null for a mode whose volumes are not judged (mostly nursing). */
    public static LevelKind of(FeedingMode mode) {
        return switch (FeedingMode.orDefault(mode)) {
            case EXCLUSIVELY_PUMPING -> DAILY_TOTAL;
            case MIXED -> PER_PUMPING;
            case MOSTLY_NURSING -> null;
        };
    }
}
