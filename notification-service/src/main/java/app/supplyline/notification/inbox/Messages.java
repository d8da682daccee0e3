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
                            "The recent drop in your supply has recovered. Keep going, you are doing well.")),
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
                            "La baisse récente de votre production s'est rétablie. Continuez, vous faites du bon travail.")));

    /** What a clinician reads when a parent's episode ends. */
    private static final Map<String, Text> RECOVERED_CLINICIAN = Map.of(
            "en", new Text("A parent's supply recovered", "%s: the recent drop in supply has recovered."),
            "fr", new Text("Production rétablie chez un parent", "%s : la baisse récente de production s'est rétablie."));

    private Messages() {
    }

    /** The text of {@code kind} in {@code locale}, with {@code args} filled in. */
    public static Text text(Kind kind, String locale, Object... args) {
        Text template = TEXTS.getOrDefault(locale == null ? "en" : locale.toLowerCase(Locale.ROOT), TEXTS.get("en")).get(kind);
        return new Text(template.title(), String.format(Locale.ROOT, template.body(), args));
    }

    public static Text recoveredForClinician(String locale, String parent) {
        Text template = RECOVERED_CLINICIAN.getOrDefault(locale, RECOVERED_CLINICIAN.get("en"));
        return new Text(template.title(), String.format(Locale.ROOT, template.body(), parent));
    }

    public static boolean supported(String locale) {
        return TEXTS.containsKey(locale);
    }
}
