package app.supplyline.session.intake;

import app.supplyline.session.journal.Profile.VolumeUnit;
import app.supplyline.session.journal.SessionContent;
import app.supplyline.session.journal.SessionType;
import app.supplyline.session.journal.Side;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;

/**
 * The body of a create or correction. Times must carry an offset; volumes are in {@code unit} (ML by default, or
 * OZ, US fluid ounces). There is no {@code id} or {@code parentId}: sent anyway, they are refused as unknown fields.
 * <p>
 * The constraints check the request's shape — what is required, and numbers small enough that converting them costs
 * nothing (a volume of {@code 1e1000000} is nine characters) — before anything is computed; what a session may be
 * (durations, volumes, sides) is the domain's ({@code SessionRules}, decided once).
 */
public record SessionRequest(
        @NotNull(message = "is required: PUMPING or NURSING") SessionType type,
        @NotNull(message = "is required") OffsetDateTime startedAt,
        @NotNull(message = "is required") OffsetDateTime endedAt,
        @Digits(integer = DIGITS, fraction = DIGITS, message = OUT_OF_RANGE) BigDecimal leftMl,
        @Digits(integer = DIGITS, fraction = DIGITS, message = OUT_OF_RANGE) BigDecimal rightMl,
        VolumeUnit unit, Boolean handsOn, String pump,
        @Digits(integer = DIGITS, fraction = DIGITS, message = OUT_OF_RANGE) BigDecimal flangeSizeMm,
        Side side, String notes) {

    /** Digits a number may have before and after its decimal point. */
    static final int DIGITS = 6;
    static final String OUT_OF_RANGE = "is out of range: at most 6 digits before and 6 after the decimal point";

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
        if (value == null || value.stripTrailingZeros().scale() > 1) {
            return value;
        }
        return value.setScale(1, RoundingMode.UNNECESSARY);
    }

    private BigDecimal millilitres(BigDecimal volume) {
        if (volume == null) {
            return null;
        }
        if (unit == VolumeUnit.OZ) {
            return volume.multiply(ML_PER_US_FL_OZ).setScale(1, RoundingMode.HALF_UP);
        }
        BigDecimal plain = volume.stripTrailingZeros();
        return plain.scale() > 1 ? volume : volume.setScale(1, RoundingMode.UNNECESSARY);
    }
}
