package app.supplyline.analytics.trend;

/** Why a status is what it is; the first reason of a status is its main one. */
public enum StatusReason {
    /** Supply fell by the seek-help threshold although milk was removed regularly. */
    SUPPLY_DROP,
    /** Too few or too spaced removals, which itself lowers supply. */
    FREQUENCY_LOW,
    /** A smaller fall with regular removal. */
    SUPPLY_DIP,
    /** Supply fell, and so did the number of removals a day: the drop follows them, it is no alarm. */
    FEWER_REMOVALS,
    /** After a drop, supply settled at a lower level than before it (below the episode's reference). */
    LOWER_LEVEL,
    /** The data that the status needs stopped (no volumes logged any more): we cannot tell. */
    NO_RECENT_DATA,
    /** The parent reduces on purpose (weaning or a planned reduction): a drop raises no alarm. */
    PLANNED_REDUCTION
}
