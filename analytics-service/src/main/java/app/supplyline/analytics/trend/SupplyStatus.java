package app.supplyline.analytics.trend;

/** Where a parent's supply stands, from least to most concerning. */
public enum SupplyStatus {
    INSUFFICIENT_DATA,
    STABLE,
    WATCH,
    SEEK_HELP
}
