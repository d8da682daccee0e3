package app.supplyline.notification.inbox;

import java.util.Locale;
import java.util.Map;

/**
 * The texts, in our own words (DOMAIN.md): short, kind, practical, never alarming beyond the facts, always pointing
 * to a professional when in doubt. English and French; anything else falls back to English.
 */
public final class Messages {

    public record Text(String title, String body) {
    }

    private static final Map<String, Map<Kind, Text>> TEXTS = Map.of(
            "en", Map.of(
                    Kind.REMINDER, new Text("Time to pump",
                            "It has been a while since your last session. Removing milk regularly keeps your supply going."),
                    Kind.SEEK_HELP, new Text("Your supply has dropped",
                            "Your pumped volume fell by %s %% this week although you removed milk regularly. A lactation "
                                    + "consultant or your healthcare provider can help find the cause. You are doing a lot right."),
                    Kind.CLINICIAN_ALERT, new Text("A parent may need help",
                            "%s: pumped volume down %s %% week over week despite regular removal. Consider reaching out."),
                    Kind.TIP, new Text("A tip for your supply",
                            "Removing milk every 2–3 hours in the day helps most. Massage and compression while pumping, "
                                    + "enough water, rest and a well-fitting pump help too."),
                    Kind.RECOVERED, new Text("Supply back on track",
                            "The recent drop in your supply has recovered. Keep going, you are doing well."),
                    Kind.LOWER_LEVEL, new Text("Your supply has settled",
                            "Your supply has settled at a lower level than before the drop, about %s %% below. This is "
                                    + "not an emergency. If you would like more milk, a lactation consultant can still help."),
                    Kind.NO_RECENT_DATA, new Text("We can't tell how your supply is doing",
                            "We can no longer tell how your supply is doing: no pumped volumes have been logged lately. "
                                    + "Log a few pumpings and we'll tell you again."),
                    Kind.MILESTONE, new Text("About your pumped volume",
                            "Your baby is %s days old and your daily pumped volume has not reached %s mL yet (best day: "
                                    + "%s mL). Many parents get there with some help: a lactation consultant can check how "
                                    + "often you pump, the fit of your flanges and your technique. Meanwhile, keep pumping "
                                    + "8 or more times a day.")),
            "fr", Map.of(
                    Kind.REMINDER, new Text("C'est l'heure de tirer votre lait",
                            "Votre dernière séance date d'un moment. Tirer votre lait régulièrement entretient votre lactation."),
                    Kind.SEEK_HELP, new Text("Votre production a baissé",
                            "Le volume tiré a baissé de %s %% cette semaine, alors que vous tirez régulièrement. Une "
                                    + "consultante en lactation ou votre soignant peut vous aider à en trouver la cause. Vous faites beaucoup de choses bien."),
                    Kind.CLINICIAN_ALERT, new Text("Un parent a peut-être besoin d'aide",
                            "%s : volume tiré en baisse de %s %% d'une semaine à l'autre malgré des tirages réguliers. Pensez à le contacter."),
                    Kind.TIP, new Text("Un conseil pour votre lactation",
                            "Tirer votre lait toutes les 2 à 3 heures dans la journée aide le plus. Masser et comprimer "
                                    + "pendant le tirage, bien boire, vous reposer et un tire-lait bien ajusté aident aussi."),
                    Kind.RECOVERED, new Text("Production rétablie",
                            "La baisse récente de votre production s'est rétablie. Continuez, vous faites du bon travail."),
                    Kind.LOWER_LEVEL, new Text("Votre production s'est stabilisée",
                            "Votre production s'est stabilisée à un niveau plus bas qu'avant la baisse, environ %s %% en "
                                    + "dessous. Ce n'est pas une urgence. Si vous souhaitez plus de lait, une consultante en "
                                    + "lactation peut toujours vous aider."),
                    Kind.NO_RECENT_DATA, new Text("Nous ne pouvons plus suivre votre production",
                            "Nous ne pouvons plus dire comment évolue votre production : aucun volume tiré n'a été noté "
                                    + "ces derniers temps. Notez quelques séances de tirage et nous pourrons vous le dire à nouveau."),
                    Kind.MILESTONE, new Text("À propos de votre volume tiré",
                            "Votre bébé a %s jours et votre volume tiré par jour n'a pas encore atteint %s mL (meilleure "
                                    + "journée : %s mL). Beaucoup de parents y arrivent avec un peu d'aide : une consultante "
                                    + "en lactation peut vérifier la fréquence de vos tirages, la taille de vos téterelles et "
                                    + "votre technique. En attendant, continuez à tirer votre lait 8 fois par jour ou plus.")));

    /** What a clinician reads of a parent's RECOVERED, LOWER_LEVEL, NO_RECENT_DATA and MILESTONE (the parent first). */
    private static final Map<String, Map<Kind, Text>> CLINICIAN_TEXTS = Map.of(
            "en", Map.of(
                    Kind.RECOVERED, new Text("A parent's supply recovered", "%s: the recent drop in supply has recovered."),
                    Kind.LOWER_LEVEL, new Text("A parent's supply settled lower",
                            "%s: supply settled about %s %% below its level before the drop."),
                    Kind.NO_RECENT_DATA, new Text("A parent's status is unknown", "%s: no recent volumes, status unknown."),
                    Kind.MILESTONE, new Text("A parent has not come to volume",
                            "%s: baby %s days old, pumped volume has not reached %s mL/day (best day %s mL).")),
            "fr", Map.of(
                    Kind.RECOVERED, new Text("Production rétablie chez un parent",
                            "%s : la baisse récente de production s'est rétablie."),
                    Kind.LOWER_LEVEL, new Text("Production stabilisée plus bas chez un parent",
                            "%s : production stabilisée environ %s %% sous son niveau d'avant la baisse."),
                    Kind.NO_RECENT_DATA, new Text("Statut d'un parent inconnu", "%s : pas de volumes récents, statut inconnu."),
                    Kind.MILESTONE, new Text("Un parent n'a pas atteint le plein volume",
                            "%s : bébé de %s jours, volume tiré inférieur à %s mL/jour (meilleure journée : %s mL).")));

    /** The TIP when fewer removals a day, rather than irregular ones, explain a dip. */
    private static final Map<String, Text> FEWER_REMOVALS_TIP = Map.of(
            "en", new Text("A tip for your supply",
                    "You removed milk fewer times a day lately than before, and supply follows removal. Adding back a "
                            + "session or two a day usually helps."),
            "fr", new Text("Un conseil pour votre lactation",
                    "Vous avez tiré votre lait moins souvent par jour ces derniers temps, et la production suit les "
                            + "tirages. Rajouter une ou deux séances par jour aide en général."));

    private Messages() {
    }

    /** The text of {@code kind} in {@code locale}, with {@code args} filled in. */
    public static Text text(Kind kind, String locale, Object... args) {
        return filled(TEXTS.get(language(locale)).get(kind), args);
    }

    /** What a clinician reads of a parent's {@code kind}: the parent's name first in {@code args}. */
    public static Text forClinician(Kind kind, String locale, Object... args) {
        Text template = CLINICIAN_TEXTS.get(language(locale)).get(kind);
        if (template == null) {
            throw new IllegalStateException("No clinician text for " + kind);
        }
        return filled(template, args);
    }

    public static Text fewerRemovalsTip(String locale) {
        return FEWER_REMOVALS_TIP.get(language(locale));
    }

    public static boolean supported(String locale) {
        return TEXTS.containsKey(locale);
    }

    private static String language(String locale) {
        String language = locale == null ? "en" : locale.toLowerCase(Locale.ROOT);
        return TEXTS.containsKey(language) ? language : "en";
    }

    private static Text filled(Text template, Object... args) {
        return new Text(template.title(), String.format(Locale.ROOT, template.body(), args));
    }
}
