package app.supplyline.analytics.report;

import app.supplyline.analytics.trend.Explanation;
import app.supplyline.analytics.trend.FeedingMode;
import app.supplyline.analytics.trend.LevelKind;
import app.supplyline.analytics.trend.RuleSet;
import app.supplyline.analytics.trend.StatusReason;
import app.supplyline.analytics.trend.SupplyStatus;
import app.supplyline.analytics.trend.Transition;
import app.supplyline.local.testing.MessageBundleFiles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The golden "why" sentences: one per branch of {@link Why}, in English and French, word for word as the trend API
 * gives them (with the default rules: 5 days with volume, 10 % recovery margin, 7 days for a new normal).
 */
@QuarkusTest
class WhyTextsTest {

    @Inject
    Why why;

    static final LocalDate FROM = LocalDate.of(2026, 11, 20);
    static final LocalDate TO = LocalDate.of(2026, 11, 26);

    /** A week judged per pumping: {@code current} against {@code baseline} and, in an episode, {@code reference}. */
    private static Explanation explanation(SupplyStatus status, StatusReason reason, Transition transition,
            LevelKind kind, Double current, Double baseline, Double reference, int regularDays) {
        Double change = current == null || baseline == null ? null : (current - baseline) / baseline * 100;
        Double fromReference = current == null || reference == null ? null : (current - reference) / reference * 100;
        return new Explanation(FROM, TO, FROM.minusDays(7), TO.minusDays(7), FeedingMode.EXCLUSIVELY_PUMPING, false,
                RuleSet.ESTABLISHED, kind, current, baseline, change, reference, fromReference, 7, 6, 7.6, 8.1, 7,
                regularDays, 330, status, reason, transition);
    }

    private static Map<String, Explanation> cases() {
        Map<String, Explanation> cases = new LinkedHashMap<>();
        cases.put("nothing logged", new Explanation(FROM, TO, FROM.minusDays(7), TO.minusDays(7),
                FeedingMode.EXCLUSIVELY_PUMPING, false, RuleSet.ESTABLISHED, null, null, null, null, null, null, 0, 0,
                0.6, null, 2, 0, null, SupplyStatus.INSUFFICIENT_DATA, null, null));
        cases.put("not enough volumes", new Explanation(FROM, TO, FROM.minusDays(7), TO.minusDays(7),
                FeedingMode.EXCLUSIVELY_PUMPING, false, RuleSet.ESTABLISHED, LevelKind.DAILY_TOTAL, null, null, null,
                null, null, 3, 2, 7.0, null, 7, 7, 200, SupplyStatus.INSUFFICIENT_DATA, null, null));
        cases.put("no recent data", new Explanation(FROM, TO, FROM.minusDays(7), TO.minusDays(7),
                FeedingMode.EXCLUSIVELY_PUMPING, false, RuleSet.ESTABLISHED, LevelKind.PER_PUMPING, null, 90.0, null,
                120.0, null, 1, 6, 6.9, 7.4, 7, 6, 310, SupplyStatus.INSUFFICIENT_DATA, StatusReason.NO_RECENT_DATA,
                Transition.NO_RECENT_DATA));
        cases.put("still dropped", explanation(SupplyStatus.SEEK_HELP, StatusReason.SUPPLY_DROP, null,
                LevelKind.PER_PUMPING, 90.0, 92.0, 120.0, 7));
        cases.put("still dropped, irregular", explanation(SupplyStatus.SEEK_HELP, StatusReason.SUPPLY_DROP, null,
                LevelKind.PER_PUMPING, 90.0, 92.0, 120.0, 3));
        cases.put("irregular removal", explanation(SupplyStatus.WATCH, StatusReason.FREQUENCY_LOW, null,
                LevelKind.DAILY_TOTAL, 700.0, 720.0, null, 4));
        cases.put("settled lower", explanation(SupplyStatus.WATCH, StatusReason.LOWER_LEVEL, Transition.LOWER_LEVEL,
                LevelKind.PER_PUMPING, 96.0, 94.0, 120.0, 7));
        cases.put("fewer removals", explanation(SupplyStatus.WATCH, StatusReason.FEWER_REMOVALS, null,
                LevelKind.DAILY_TOTAL, 690.0, 800.0, null, 7));
        cases.put("a dip", explanation(SupplyStatus.WATCH, StatusReason.SUPPLY_DIP, null, LevelKind.DAILY_TOTAL,
                700.0, 800.0, null, 7));
        cases.put("planned reduction", explanation(SupplyStatus.STABLE, StatusReason.PLANNED_REDUCTION, null,
                LevelKind.DAILY_TOTAL, 600.0, 800.0, null, 7));
        cases.put("recovered", explanation(SupplyStatus.STABLE, null, Transition.RECOVERED, LevelKind.PER_PUMPING,
                114.0, 100.0, 120.0, 7));
        cases.put("a new normal", explanation(SupplyStatus.STABLE, null, Transition.NEW_NORMAL, LevelKind.PER_PUMPING,
                100.0, 99.0, 120.0, 7));
        cases.put("mostly nursing", explanation(SupplyStatus.STABLE, null, null, null, null, null, null, 7));
        cases.put("steady", explanation(SupplyStatus.STABLE, null, null, LevelKind.DAILY_TOTAL, 812.0, 800.0, null, 7));
        return cases;
    }

    private static final Map<String, List<String>> GOLDEN = new LinkedHashMap<>();

    static {
        golden("nothing logged",
                "Not enough to judge yet: removals are needed on 4 of the last 7 days (2 so far).",
                "Pas encore assez de données : il faut des tétées ou tirages notés sur 4 des 7 derniers jours "
                        + "(2 pour l’instant).");
        golden("not enough volumes",
                "Not enough to judge yet: pumped volumes are needed on 4 days of each of the last two weeks (3 "
                        + "and 2 so far).",
                "Pas encore assez de données : il faut des volumes tirés sur 4 jours de chacune des deux "
                        + "dernières semaines (3 et 2 pour l’instant).");
        golden("no recent data",
                "We can no longer tell how your supply is doing: pumped volumes were logged on 1 of the last 7 "
                        + "days.",
                "Nous ne pouvons plus dire comment évolue votre production : des volumes tirés ont été notés "
                        + "sur 1 des 7 derniers jours.");
        golden("still dropped",
                "Your pumped volume is 25% below your level before the drop (90 mL per pumping compared with "
                        + "120 mL per pumping) although you removed milk regularly.",
                "Votre volume tiré est à 25 % en dessous de votre niveau d’avant la baisse (90 mL par tirage "
                        + "contre 120 mL par tirage) alors que vos tétées ou tirages étaient réguliers.");
        golden("still dropped, irregular",
                "Your pumped volume is 25% below your level before the drop (90 mL per pumping compared with "
                        + "120 mL per pumping). Milk was also removed less often than recommended lately.",
                "Votre volume tiré est à 25 % en dessous de votre niveau d’avant la baisse (90 mL par tirage "
                        + "contre 120 mL par tirage). Les tétées ou tirages ont aussi été moins fréquents que recommandé "
                        + "ces derniers jours.");
        golden("irregular removal",
                "Milk was removed less often than recommended on 3 of 7 days with a log (7.6 times a day, "
                        + "longest gap 5.5 h).",
                "Les tétées ou tirages ont été moins fréquents que recommandé sur 3 des 7 jours notés (7,6 par "
                        + "jour, plus long intervalle 5,5 h).");
        golden("settled lower",
                "Your pumped volume has settled 20% below your level before the drop: 96 mL per pumping "
                        + "compared with 120 mL per pumping.",
                "Votre volume tiré s’est stabilisé à 20 % en dessous de votre niveau d’avant la baisse : 96 mL "
                        + "par tirage contre 120 mL par tirage.");
        golden("fewer removals",
                "Your pumped volume fell 14%, and so did your removals: 7.6 a day compared with 8.1 the week "
                        + "before. Supply follows removal.",
                "Votre volume tiré a baissé de 14 %, et le nombre de vos tétées ou tirages aussi : 7,6 par jour "
                        + "contre 8,1 la semaine précédente. La production suit la fréquence.");
        golden("a dip",
                "Your pumped volume fell 13% compared with the week before (700 mL a day compared with 800 mL a "
                        + "day), although you removed milk regularly.",
                "Votre volume tiré a baissé de 13 % par rapport à la semaine précédente (700 mL par jour contre "
                        + "800 mL par jour), alors que vos tétées ou tirages étaient réguliers.");
        golden("planned reduction",
                "You are reducing on purpose, so a drop raises no alarm. Your pumped volume is −25% compared "
                        + "with the week before.",
                "Vous réduisez volontairement : une baisse ne déclenche pas d’alerte. Votre volume tiré est à "
                        + "−25 % par rapport à la semaine précédente.");
        golden("recovered",
                "Back within 10% of your level before the drop: 114 mL per pumping compared with 120 mL per "
                        + "pumping.",
                "De retour à moins de 10 % de votre niveau d’avant la baisse : 114 mL par tirage contre 120 mL "
                        + "par tirage.");
        golden("a new normal",
                "Your pumped volume has held at 100 mL per pumping for 14 days: this is now the level your "
                        + "trend is compared with.",
                "Votre volume tiré se maintient à 100 mL par tirage depuis 14 jours : c’est désormais le niveau "
                        + "auquel votre tendance est comparée.");
        golden("mostly nursing",
                "You removed milk 7.6 times a day, regularly. Volumes are not judged while you mostly nurse.",
                "Vous avez eu 7,6 tétées ou tirages par jour, régulièrement. Les volumes ne sont pas évalués "
                        + "tant que vous allaitez surtout au sein.");
        golden("steady",
                "Your pumped volume was 812 mL a day from Nov 20, 2026 to Nov 26, 2026, +2% compared with the "
                        + "week before.",
                "Votre volume tiré était de 812 mL par jour du 20 nov. 2026 au 26 nov. 2026, +2 % par rapport à "
                        + "la semaine précédente.");
    }

    private static void golden(String name, String english, String french) {
        GOLDEN.put(name, List.of(english, french));
    }

    @Test
    void everyWhyReadsWordForWordAsReviewed() {
        Map<String, List<String>> actual = new LinkedHashMap<>();
        cases().forEach((name, e) -> actual.put(name,
                List.of(why.sentence(e, Locale.ENGLISH), why.sentence(e, Locale.FRENCH))));
        MessageBundleFiles.assertGolden(GOLDEN, actual);
    }
}
