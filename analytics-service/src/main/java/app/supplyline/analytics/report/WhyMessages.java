package app.supplyline.analytics.report;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The "why" sentence of a status: templates in {@code messages/why.properties} (English) and {@code why_fr.properties}
 * (French), one key per method. The figures come formatted for the language (levels with their unit, percentages
 * without their sign: the sentence says which way).
 */
@MessageBundle(value = "why", locale = "en")
public interface WhyMessages {

    String notEnoughYet(int needed, int now, int before);

    String notEnoughLogged(int needed, int logged);

    String noRecentData(int now);

    String stable(String current, String from, String to, String change);

    String stableNursing(String perDay);

    String recovered(String current, String reference, String margin);

    String newNormal(String current, int days);

    String plannedReduction(String change);

    String frequencyLow(int irregular, int logged, String perDay, String gap);

    String dip(String change, String current, String baseline);

    String fewerRemovals(String change, String now, String before);

    String lowerLevel(String fromReference, String current, String reference);

    String stillDropped(String fromReference, String current, String reference);

    String stillDroppedIrregular(String fromReference, String current, String reference);

    String perDay(String value);

    String perPumping(String value);

    String hours(String value);

    String percent(String value);
}
