package app.supplyline.analytics.report;

import app.supplyline.analytics.config.TrendConfig;
import app.supplyline.analytics.trend.Explanation;
import app.supplyline.analytics.trend.LevelKind;
import app.supplyline.analytics.trend.StatusReason;
import app.supplyline.analytics.trend.SupplyStatus;
import app.supplyline.analytics.trend.Transition;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/** Writes the "why" sentence of an {@link Explanation} in English or French (Qute message bundles). */
@ApplicationScoped
public class Why {

    static final List<String> LANGUAGES = List.of("en", "fr");

    private final TrendConfig config;

    public Why(TrendConfig config) {
        this.config = config;
    }

    /** The first language of {@code Accept-Language} that Supplyline speaks; English otherwise. */
    public static Locale language(HttpHeaders headers) {
        if (headers != null) {
            for (Locale locale : headers.getAcceptableLanguages()) {
                if (LANGUAGES.contains(locale.getLanguage())) {
                    return Locale.forLanguageTag(locale.getLanguage());
                }
            }
        }
        return Locale.ENGLISH;
    }

    /** Null without an explanation (a parent never evaluated). */
    public String sentence(Explanation e, Locale locale) {
        if (e == null) {
            return null;
        }
        String language = LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : "en";
        WhyMessages m = MessageBundles.get(WhyMessages.class, Localized.Literal.of(language));
        Figures f = new Figures(m, Locale.forLanguageTag(language), e.levelKind());
        StatusReason reason = e.reason();
        boolean regular = e.loggedDays() >= config.minVolumeDays()
                && e.irregularDays() <= 7 - config.minRegularDays();
        if (e.status() == SupplyStatus.INSUFFICIENT_DATA) {
            if (e.levelKind() == null) {
                return m.notEnoughLogged(config.minVolumeDays(), e.loggedDays());
            }
            return reason == StatusReason.NO_RECENT_DATA ? m.noRecentData(e.volumeDaysCurrent())
                    : m.notEnoughYet(config.minVolumeDays(), e.volumeDaysCurrent(), e.volumeDaysBaseline());
        }
        if (reason == StatusReason.SUPPLY_DROP) {
            // in an episode the level is judged against the level before the drop, and so is it told
            return regular
                    ? m.stillDropped(f.pct(e.changeFromReferencePct()), f.level(e.currentLevel()), f.level(e.referenceLevel()))
                    : m.stillDroppedIrregular(f.pct(e.changeFromReferencePct()), f.level(e.currentLevel()),
                            f.level(e.referenceLevel()));
        }
        if (reason == StatusReason.FREQUENCY_LOW) {
            return m.frequencyLow(e.irregularDays(), e.loggedDays(), f.number(e.removalsPerDay()),
                    e.longestGapMinutes() == null ? "–" : m.hours(f.number(e.longestGapMinutes() / 60.0)));
        }
        if (reason == StatusReason.LOWER_LEVEL) {
            return m.lowerLevel(f.pct(e.changeFromReferencePct()), f.level(e.currentLevel()), f.level(e.referenceLevel()));
        }
        if (reason == StatusReason.FEWER_REMOVALS) {
            return m.fewerRemovals(f.pct(e.changePct()), f.number(e.removalsPerDay()),
                    f.number(e.baselineRemovalsPerDay()));
        }
        if (reason == StatusReason.SUPPLY_DIP) {
            return m.dip(f.pct(e.changePct()), f.level(e.currentLevel()), f.level(e.baselineLevel()));
        }
        if (reason == StatusReason.PLANNED_REDUCTION) {
            return m.plannedReduction(f.signed(e.changePct()));
        }
        // the sentence of a transition only on the evaluation that made it (the reference is gone after it)
        if (e.transition() == Transition.RECOVERED && e.referenceLevel() != null) {
            return m.recovered(f.level(e.currentLevel()), f.level(e.referenceLevel()),
                    f.pct(-config.recoverAbovePct()));
        }
        if (e.transition() == Transition.NEW_NORMAL && e.referenceLevel() != null) {
            return m.newNormal(f.level(e.currentLevel()), config.newNormalDays());
        }
        if (e.levelKind() == null || e.changePct() == null) {
            return m.stableNursing(f.number(e.removalsPerDay()));
        }
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(f.locale());
        return m.stable(f.level(e.currentLevel()), dates.format(e.currentFrom()), dates.format(e.currentTo()),
                f.signed(e.changePct()));
    }

    /** Numbers as the language writes them. */
    private record Figures(WhyMessages m, Locale locale, LevelKind kind) {

        String number(Double value) {
            if (value == null) {
                return "–";
            }
            NumberFormat format = NumberFormat.getNumberInstance(locale);
            format.setMaximumFractionDigits(1);
            return format.format(value);
        }

        /** A change without its sign (the sentence says which way). */
        String pct(Double value) {
            return value == null ? "–" : m.percent(number((double) Math.round(Math.abs(value))));
        }

        String signed(Double value) {
            if (value == null) {
                return "–";
            }
            long rounded = Math.round(value);
            return (rounded > 0 ? "+" : rounded < 0 ? "−" : "") + m.percent(number((double) Math.abs(rounded)));
        }

        String level(Double value) {
            String n = value == null ? "–" : number((double) Math.round(value));
            return kind == LevelKind.PER_PUMPING ? m.perPumping(n) : m.perDay(n);
        }
    }
}
