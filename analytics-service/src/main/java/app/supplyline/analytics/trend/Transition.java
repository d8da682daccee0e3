package app.supplyline.analytics.trend;

/**
 * What a status change means for a SEEK_HELP episode (and the lower level after one); null when it means nothing
 * for an episode. Only {@link #RECOVERED} may tell anyone that supply recovered.
 */
public enum Transition {
    /** A new episode: supply dropped although milk was removed regularly. */
    EPISODE_STARTED,
    /** Back within the recovery margin of the level before the drop. */
    RECOVERED,
    /** The episode ended at a lasting lower level (WATCH, LOWER_LEVEL): not recovered. */
    LOWER_LEVEL,
    /** The lower level has held long enough to be the parent's new normal. */
    NEW_NORMAL,
    /** The data stopped: we can no longer tell (INSUFFICIENT_DATA, NO_RECENT_DATA); never a recovery. */
    NO_RECENT_DATA,
    /** The parent declared a planned reduction or weaning: the episode closes without a verdict. */
    PLANNED_REDUCTION
}
