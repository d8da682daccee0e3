package app.supplyline.session.intake;

import java.util.List;

/** One page of sessions, newest first; {@code nextCursor} is null on the last page. */
public record SessionPage(List<SessionView> items, String nextCursor) {
}
