package app.supplyline.platform.work;

/**
 * A queue of background work of a service, measured by its oldest item that is due and not yet done: {@code sql}
 * answers that item's due time ({@code timestamptz}) as the first column of its first row — no row or NULL when
 * nothing is due — given {@code $1}, the service clock's now; it must be cheap (read through an index). A service
 * declares its backlogs as CDI beans; {@link Backlogs} measures them.
 */
public record Backlog(String name, String sql) {
}
