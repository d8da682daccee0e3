package app.supplyline.analytics.report;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The "why" sentence of a status, in English; {@link FrenchWhyMessages} has the French. The figures come formatted
 * for the language (levels with their unit, percentages without their sign: the sentence says which way).
 */
@MessageBundle(value = "why", locale = "en")
public interface WhyMessages {

    @Message("Not enough to judge yet: pumped volumes are needed on {needed} days of each of the last two weeks "
            + "({now} and {before} so far).")
    String notEnoughYet(int needed, int now, int before);

    @Message("Not enough to judge yet: removals are needed on {needed} of the last 7 days ({logged} so far).")
    String notEnoughLogged(int needed, int logged);

    @Message("We can no longer tell how your supply is doing: pumped volumes were logged on {now} of the last 7 days.")
    String noRecentData(int now);

    @Message("Your level was {current} from {from} to {to}, {change} compared with the week before.")
    String stable(String current, String from, String to, String change);

    @Message("You removed milk {perDay} times a day, regularly. Volumes are not judged while you mostly nurse.")
    String stableNursing(String perDay);

    @Message("Back within {margin} of your level before the drop: {current} compared with {reference}.")
    String recovered(String current, String reference, String margin);

    @Message("Your level has held at {current} for {days} days: this is now the level your trend is compared with.")
    String newNormal(String current, int days);

    @Message("You are reducing on purpose, so a drop raises no alarm. Your level is {change} compared with the week "
            + "before.")
    String plannedReduction(String change);

    @Message("Milk was removed less often than recommended on {irregular} of {logged} days with a log ({perDay} times "
            + "a day, longest gap {gap}).")
    String frequencyLow(int irregular, int logged, String perDay, String gap);

    @Message("Your level fell {change} compared with the week before ({current} compared with {baseline}), with "
            + "regular removal.")
    String dip(String change, String current, String baseline);

    @Message("Your level fell {change}, and so did your removals: {now} a day compared with {before} the week before. "
            + "Supply follows removal.")
    String fewerRemovals(String change, String now, String before);

    @Message("Your supply has settled {fromReference} below your level before the drop: {current} compared with "
            + "{reference}.")
    String lowerLevel(String fromReference, String current, String reference);

    @Message("Your level is {fromReference} below your level before the drop ({current} compared with {reference}) "
            + "although you removed milk regularly.")
    String stillDropped(String fromReference, String current, String reference);

    @Message("Your level is {fromReference} below your level before the drop ({current} compared with {reference}). "
            + "Milk was also removed less often than recommended lately.")
    String stillDroppedIrregular(String fromReference, String current, String reference);

    @Message("{value} mL a day")
    String perDay(String value);

    @Message("{value} mL per pumping")
    String perPumping(String value);

    @Message("{value} h")
    String hours(String value);

    @Message("{value}%")
    String percent(String value);
}
