package app.supplyline.session.intake;

import app.supplyline.session.journal.SessionContent;
import app.supplyline.session.journal.SessionDecider.Session;
import app.supplyline.session.journal.SessionType;
import app.supplyline.session.journal.Side;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A session as the API shows it: times in UTC, volumes in mL with one decimal, its version (the ETag). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionView(UUID id, SessionType type, Instant startedAt, Instant endedAt, BigDecimal leftMl,
        BigDecimal rightMl, BigDecimal totalMl, Boolean handsOn, String pump, BigDecimal flangeSizeMm, Side side,
        String notes, long version) {

    public static SessionView of(Session s) {
        SessionContent c = s.content();
        return new SessionView(s.sessionId(), c.type(), c.startedAt(), c.endedAt(), c.leftMl(), c.rightMl(),
                c.type() == SessionType.PUMPING ? c.totalMl().setScale(1) : null, c.handsOn(), c.pump(), c.flangeSizeMm(),
                c.side(),
                c.notes(), s.version());
    }
}
