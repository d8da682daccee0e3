package app.supplyline.notification.reminder;

/** The reminder claim and its batch, for the plan checks of another package's test. */
public final class ReminderPlans {

    public static final String CLAIM = ReminderScheduler.CLAIM;
    public static final int BATCH = ReminderScheduler.BATCH;

    private ReminderPlans() {
    }
}
