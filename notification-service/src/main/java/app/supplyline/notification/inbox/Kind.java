package app.supplyline.notification.inbox;

/** What a notification is about. */
public enum Kind {
    REMINDER, SEEK_HELP, CLINICIAN_ALERT, TIP, RECOVERED
}
