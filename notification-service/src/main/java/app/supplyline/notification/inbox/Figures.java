package app.supplyline.notification.inbox;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers, levels and dates as a language writes them, for the texts of {@link NotificationMessages}. */
public record Figures(NotificationMessages m, Locale locale) {

    /** What a figure that is not known reads as. */
    public static final String UNKNOWN = "–";

    /** At most one decimal. */
    public String number(Double value) {
        if (value == null) {
            return UNKNOWN;
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(1);
        return format.format(value);
    }

    public String whole(Double value) {
        return value == null ? UNKNOWN : number((double) Math.round(value));
    }

    /** A change in whole percent without its sign: the sentence says which way. */
    public String percent(Double change) {
        return change == null ? UNKNOWN : m.percent(whole(Math.abs(change)));
    }

    /** A judged level, a day's total or a pumping's mean ({@code levelKind} PER_PUMPING). */
    public String level(Double value, String levelKind) {
        return "PER_PUMPING".equals(levelKind) ? m.perPumping(whole(value)) : m.perDay(whole(value));
    }

    public String millilitres(Double value) {
        return m.millilitres(whole(value));
    }

    /** A duration given in minutes, in hours. */
    public String hours(Integer minutes) {
        return minutes == null ? UNKNOWN : m.hours(number(minutes / 60.0));
    }

    /** An ISO date as "23 November" / "23 novembre". */
    public String date(String isoDate) {
        return isoDate == null ? UNKNOWN
                : DateTimeFormatter.ofPattern("d MMMM", locale).format(LocalDate.parse(isoDate));
    }
}
