package app.supplyline.notification.inbox;

/**
 * What a notification is about. Stored by name in {@code notification.kind} and shown by name in the inbox API and
 * the push payload, so a name, once sent, is never renamed or removed.
 */
public enum Kind {
    REMINDER, SEEK_HELP, CLINICIAN_ALERT, TIP, RECOVERED,
    /** A seek-help episode ended at a lasting lower level: not a recovery, and not an emergency. */
    LOWER_LEVEL,
    /** Volumes stopped arriving during an episode: the status can no longer be told. */
    NO_RECENT_DATA,
    /** An early milestone (coming to volume) was not reached when it was due. */
    MILESTONE
}
