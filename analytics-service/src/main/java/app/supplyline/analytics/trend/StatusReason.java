package app.supplyline.analytics.trend;

/** Why a status is not STABLE. */
public enum StatusReason {
    /** Supply fell by the seek-help threshold although milk was removed regularly. */
    SUPPLY_DROP,
    /** Too few or too spaced removals, which itself lowers supply. */
    FREQUENCY_LOW,
    /** A smaller fall with regular removal. */
    SUPPLY_DIP
}
