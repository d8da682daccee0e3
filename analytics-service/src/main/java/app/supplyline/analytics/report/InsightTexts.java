package app.supplyline.analytics.report;

import app.supplyline.analytics.trend.InsightCalculator;
import app.supplyline.analytics.trend.InsightCalculator.Group;
import app.supplyline.analytics.trend.InsightCalculator.Insight;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import java.text.NumberFormat;
import java.util.Locale;

/** The insights in words ({@link InsightMessages}), in English or French. */
public final class InsightTexts {

    private InsightTexts() {
    }

    public static InsightsView view(InsightCalculator.Insights insights, Locale locale) {
        String language = Why.LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : "en";
        InsightMessages m = MessageBundles.get(InsightMessages.class, Localized.Literal.of(language));
        Locale l = Locale.forLanguageTag(language);
        var items = insights.insights().stream().map(i -> new InsightsView.Item(i.factor(), i.lag(),
                i.rho() == null ? null : Math.round(i.rho() * 100) / 100.0, i.n(),
                i.q(), i.group(), i.against(), i.differenceMl(), i.lowMl(), i.highMl(), sentence(m, l, i))).toList();
        String why = !items.isEmpty() ? null
                : insights.pairedDays() < InsightCalculator.MIN_DAYS
                        ? m.notEnoughDays(InsightCalculator.MIN_DAYS, insights.pairedDays())
                        : m.noneClear(insights.pairedDays());
        return new InsightsView(insights.pairedDays(), insights.tests(), items, why);
    }

    static String sentence(InsightMessages m, Locale l, Insight i) {
        return switch (i.factor()) {
            case SLEEP, WATER, STRESS -> correlation(m, l, i);
            case HANDS_ON -> (i.differenceMl() >= 0
                    ? m.handsOnMore(ml(m, l, Math.abs(i.differenceMl())), ml(m, l, i.group().meanMl()),
                            ml(m, l, i.against().meanMl()))
                    : m.handsOnLess(ml(m, l, Math.abs(i.differenceMl())), ml(m, l, i.group().meanMl()),
                            ml(m, l, i.against().meanMl()))) + " " + basis(m, l, i);
            case SETUP -> m.setupMore(setup(m, l, i.group()), ml(m, l, i.differenceMl()), setup(m, l, i.against()),
                    ml(m, l, i.group().meanMl()), ml(m, l, i.against().meanMl())) + " " + basis(m, l, i);
        };
    }

    private static String correlation(InsightMessages m, Locale l, Insight i) {
        String factor = switch (i.factor()) {
            case SLEEP -> m.moreSleep();
            case WATER -> m.moreWater();
            default -> m.moreStress();
        };
        boolean more = i.rho() > 0;
        String sentence = i.lag() == InsightCalculator.Lag.SAME_DAY
                ? (more ? m.sameDayMore(factor) : m.sameDayLess(factor))
                : (more ? m.previousDayMore(factor) : m.previousDayLess(factor));
        String rho = (i.rho() < 0 ? "−" : "") + number(l, Math.abs(i.rho()), 2);
        return sentence + " " + m.correlationBasis(rho, i.n());
    }

    private static String basis(InsightMessages m, Locale l, Insight i) {
        return m.comparisonBasis(signed(m, l, i.lowMl()), signed(m, l, i.highMl()), i.group().pumpings(),
                i.against().pumpings());
    }

    private static String setup(InsightMessages m, Locale l, Group g) {
        if (g.pump() != null && g.flangeSizeMm() != null) {
            return m.setupPumpFlange(g.pump(), m.millimetres(number(l, g.flangeSizeMm(), 1)));
        }
        return g.pump() != null ? m.setupPump(g.pump()) : m.setupFlange(m.millimetres(number(l, g.flangeSizeMm(), 1)));
    }

    private static String ml(InsightMessages m, Locale l, double value) {
        return m.millilitres(number(l, value, 0));
    }

    private static String signed(InsightMessages m, Locale l, double value) {
        long rounded = Math.round(value);
        return (rounded > 0 ? "+" : rounded < 0 ? "−" : "") + m.millilitres(number(l, (double) Math.abs(rounded), 0));
    }

    private static String number(Locale l, double value, int decimals) {
        NumberFormat format = NumberFormat.getNumberInstance(l);
        format.setMaximumFractionDigits(decimals);
        format.setMinimumFractionDigits(decimals == 2 ? 2 : 0);
        return format.format(value);
    }
}
