package app.supplyline.session.intake;

import app.supplyline.session.journal.Profile.VolumeUnit;
import app.supplyline.session.journal.SessionContent;
import app.supplyline.session.journal.SessionType;
import app.supplyline.session.journal.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;

/**
 * The body of a create or correction. Times must carry an offset; volumes are in {@code unit} (ML by default, or
 * OZ, US fluid ounces). There is no {@code id} or {@code parentId}: sent anyway, they are refused as unknown fields.
 */
public record SessionRequest(SessionType type, OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal leftMl,
        BigDecimal rightMl, VolumeUnit unit, Boolean handsOn, String pump, BigDecimal flangeSizeMm, Side side,
        String notes) {

    /** 1 US fluid ounce in millilitres. */
    static final BigDecimal ML_PER_US_FL_OZ = new BigDecimal("29.5735");

    /** The content in mL, one decimal; a mL value with more decimals is kept as is so that the rules refuse it. */
    SessionContent toContent() {
        return new SessionContent(type, startedAt == null ? null : startedAt.toInstant(),
                endedAt == null ? null : endedAt.toInstant(), millilitres(leftMl), millilitres(rightMl), handsOn,
                pump, oneDecimal(flangeSizeMm), side, notes);
    }

    /** A size with at most one decimal, written with one; anything else as is, for the rules to refuse. */
    private static BigDecimal oneDecimal(BigDecimal value) {
        if (value == null || value.precision() - value.scale() > 6 || value.stripTrailingZeros().scale() > 1) {
            return value;
        }
        return value.setScale(1, RoundingMode.UNNECESSARY);
    }

    private BigDecimal millilitres(BigDecimal volume) {
        if (volume == null) {
            return null;
        }
        if (volume.precision() - volume.scale() > 6 || volume.scale() > 6) {
            return volume; // far out of range: the rules refuse it, and no arithmetic is done on it
        }
        if (unit == VolumeUnit.OZ) {
            return volume.multiply(ML_PER_US_FL_OZ).setScale(1, RoundingMode.HALF_UP);
        }
        BigDecimal plain = volume.stripTrailingZeros();
        return plain.scale() > 1 ? volume : volume.setScale(1, RoundingMode.UNNECESSARY);
    }
}
