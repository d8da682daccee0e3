package app.supplyline.session.journal;

/** The two ways milk is removed. Both count for removal frequency; only pumping has volumes. */
public enum SessionType {
    PUMPING,
    NURSING
}
