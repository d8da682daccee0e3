package app.supplyline.analytics.report;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The insights' words: templates in {@code messages/insights.properties} (English) and {@code insights_fr.properties}
 * (French), one key per method; the figures come formatted for the language.
 */
@MessageBundle(value = "insights", locale = "en")
public interface InsightMessages {

    String sameDayMore(String factor);

    String sameDayLess(String factor);

    String previousDayMore(String factor);

    String previousDayLess(String factor);

    String correlationBasis(String rho, int days);

    String moreSleep();

    String moreWater();

    String moreStress();

    String handsOnMore(String difference, String with, String without);

    String handsOnLess(String difference, String with, String without);

    String setupMore(String setup, String difference, String other, String mean, String otherMean);

    String comparisonBasis(String low, String high, int pumpings, int otherPumpings);

    String setupPumpFlange(String pump, String flange);

    String setupPump(String pump);

    String setupFlange(String flange);

    String millilitres(String value);

    String millimetres(String value);

    String notEnoughDays(int needed, int days);

    String noneClear(int days);
}
