package app.supplyline.session.journal;

import java.util.UUID;

/** What became of one session a parent logged: created (now, or by an earlier identical request), or refused. */
public sealed interface Logged {

    /**
     * The session exists: {@code answer} is the session as the first answer showed it (JSON), {@code replay} whether
     * this request repeated an earlier one with the same idempotency key, which created nothing again.
     */
    record Created(UUID sessionId, String answer, boolean replay) implements Logged {
    }

    /** Nothing was written for this session, for {@code reason}. */
    record Refused(SessionRejected reason) implements Logged {
    }
}
