package app.supplyline.analytics.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The "why" sentences in French: tétées and tirages, as parents say it. */
@Localized("fr")
public interface FrenchWhyMessages extends WhyMessages {

    @Override
    @Message("Pas encore assez de données : il faut des volumes tirés sur {needed} jours de chacune des deux dernières "
            + "semaines ({now} et {before} pour l'instant).")
    String notEnoughYet(int needed, int now, int before);

    @Override
    @Message("Pas encore assez de données : il faut des tétées ou tirages notés sur {needed} des 7 derniers jours "
            + "({logged} pour l'instant).")
    String notEnoughLogged(int needed, int logged);

    @Override
    @Message("Nous ne pouvons plus dire comment évolue votre production : des volumes tirés ont été notés sur {now} "
            + "des 7 derniers jours.")
    String noRecentData(int now);

    @Override
    @Message("Votre niveau était de {current} du {from} au {to}, {change} par rapport à la semaine précédente.")
    String stable(String current, String from, String to, String change);

    @Override
    @Message("Vous avez eu {perDay} tétées ou tirages par jour, régulièrement. Les volumes ne sont pas évalués tant "
            + "que vous allaitez surtout au sein.")
    String stableNursing(String perDay);

    @Override
    @Message("De retour à moins de {margin} de votre niveau d'avant la baisse : {current} contre {reference}.")
    String recovered(String current, String reference, String margin);

    @Override
    @Message("Votre niveau se maintient à {current} depuis {days} jours : c'est désormais le niveau auquel votre "
            + "tendance est comparée.")
    String newNormal(String current, int days);

    @Override
    @Message("Vous réduisez volontairement : une baisse ne déclenche pas d'alerte. Votre niveau est à {change} par "
            + "rapport à la semaine précédente.")
    String plannedReduction(String change);

    @Override
    @Message("Les tétées ou tirages ont été moins fréquents que recommandé sur {irregular} des {logged} jours notés "
            + "({perDay} par jour, plus long intervalle {gap}).")
    String frequencyLow(int irregular, int logged, String perDay, String gap);

    @Override
    @Message("Votre niveau a baissé de {change} par rapport à la semaine précédente ({current} contre {baseline}), "
            + "avec des tétées ou tirages réguliers.")
    String dip(String change, String current, String baseline);

    @Override
    @Message("Votre niveau a baissé de {change}, et le nombre de vos tétées ou tirages aussi : {now} par jour contre "
            + "{before} la semaine précédente. La production suit la fréquence.")
    String fewerRemovals(String change, String now, String before);

    @Override
    @Message("Votre production s'est stabilisée à {fromReference} en dessous de votre niveau d'avant la baisse : "
            + "{current} contre {reference}.")
    String lowerLevel(String fromReference, String current, String reference);

    @Override
    @Message("Votre niveau est à {fromReference} en dessous de votre niveau d'avant la baisse ({current} contre "
            + "{reference}) alors que vos tétées ou tirages étaient réguliers.")
    String stillDropped(String fromReference, String current, String reference);

    @Override
    @Message("Votre niveau est à {fromReference} en dessous de votre niveau d'avant la baisse ({current} contre "
            + "{reference}). Les tétées ou tirages ont aussi été moins fréquents que recommandé ces derniers jours.")
    String stillDroppedIrregular(String fromReference, String current, String reference);

    @Override
    @Message("{value} mL par jour")
    String perDay(String value);

    @Override
    @Message("{value} mL par tirage")
    String perPumping(String value);

    @Override
    @Message("{value} h")
    String hours(String value);

    @Override
    @Message("{value} %")
    String percent(String value);
}
