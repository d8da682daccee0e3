package app.supplyline.analytics.report;

import app.supplyline.analytics.trend.InsightCalculator;
import app.supplyline.analytics.trend.InsightCalculator.Factor;
import app.supplyline.analytics.trend.InsightCalculator.Group;
import app.supplyline.analytics.trend.InsightCalculator.Insight;
import app.supplyline.analytics.trend.InsightCalculator.Lag;
import app.supplyline.local.testing.MessageBundleFiles;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The golden texts of the insights, in English and French, word for word as the API gives them: a change of wording
 * changes this test, so that it is read line by line in review.
 */
@QuarkusTest
class InsightTextsTest {

    private static Insight correlation(Factor factor, Lag lag, double rho, int n) {
        return new Insight(factor, lag, rho, n, 0.001, 0.004, null, null, null, null, null);
    }

    private static Insight comparison(Factor factor, Group group, Group against, double difference, double low,
            double high) {
        return new Insight(factor, null, null, group.pumpings() + against.pumpings(), 0.001, 0.003, group, against,
                difference, low, high);
    }

    /** Every kind of sentence, by name; the one finding each, or none with its reason. */
    private static Map<String, InsightCalculator.Insights> cases() {
        Map<String, InsightCalculator.Insights> cases = new LinkedHashMap<>();
        cases.put("sleep, same day, more", one(correlation(Factor.SLEEP, Lag.SAME_DAY, 0.52, 41)));
        cases.put("water, day before, less", one(correlation(Factor.WATER, Lag.PREVIOUS_DAY, -0.47, 40)));
        cases.put("stress, same day, less", one(correlation(Factor.STRESS, Lag.SAME_DAY, -0.61, 38)));
        cases.put("hands-on, more", one(comparison(Factor.HANDS_ON, new Group(true, null, null, 30, 114.6),
                new Group(false, null, null, 30, 99.8), 14.8, 9.6, 20.0)));
        cases.put("hands-on, less", one(comparison(Factor.HANDS_ON, new Group(true, null, null, 12, 80.0),
                new Group(false, null, null, 40, 95.5), -15.5, -24.1, -6.9)));
        cases.put("pump and flange", one(comparison(Factor.SETUP, new Group(null, "Spectra S1", 24.0, 20, 110.2),
                new Group(null, "Spectra S1", 27.0, 20, 88.4), 21.8, 16.3, 27.3)));
        cases.put("pumps", one(comparison(Factor.SETUP, new Group(null, "Spectra S1", null, 25, 104.0),
                new Group(null, "Medela Freestyle", null, 18, 90.0), 14.0, 2.4, 25.6)));
        cases.put("flanges", one(comparison(Factor.SETUP, new Group(null, null, 21.5, 14, 97.0),
                new Group(null, null, 24.0, 16, 84.0), 13.0, 4.0, 22.0)));
        cases.put("none, too few days", new InsightCalculator.Insights(9, 1, List.of()));
        cases.put("none, nothing clear", new InsightCalculator.Insights(30, 8, List.of()));
        return cases;
    }

    private static InsightCalculator.Insights one(Insight insight) {
        return new InsightCalculator.Insights(40, 8, List.of(insight));
    }

    /** Name → English, French (French puts a no-break space before % and groups digits with a narrow one). */
    private static final Map<String, List<String>> GOLDEN = new LinkedHashMap<>();

    static {
        golden("sleep, same day, more",
                "On days with more sleep, you tended to pump more milk, for the same number of pumpings. (ρ = "
                        + "0.52 over 41 days; a tendency, not proof of a cause.)",
                "Les jours avec plus de sommeil, vous avez eu tendance à tirer plus de lait, à nombre de "
                        + "tirages égal. (ρ = 0,52 sur 41 jours ; une tendance, pas la preuve d’une cause.)");
        golden("water, day before, less",
                "On days after more water, you tended to pump less milk, for the same number of pumpings. (ρ = "
                        + "−0.47 over 40 days; a tendency, not proof of a cause.)",
                "Le lendemain des jours avec plus d’eau, vous avez eu tendance à tirer moins de lait, à nombre "
                        + "de tirages égal. (ρ = −0,47 sur 40 jours ; une tendance, pas la preuve d’une cause.)");
        golden("stress, same day, less",
                "On days with more stress, you tended to pump less milk, for the same number of pumpings. (ρ = "
                        + "−0.61 over 38 days; a tendency, not proof of a cause.)",
                "Les jours avec plus de stress, vous avez eu tendance à tirer moins de lait, à nombre de "
                        + "tirages égal. (ρ = −0,61 sur 38 jours ; une tendance, pas la preuve d’une cause.)");
        golden("hands-on, more",
                "Hands-on pumpings (massage and compression) gave 15 mL more on average than the others (115 mL "
                        + "compared with 100 mL per pumping). The difference is likely between +10 mL and +20 mL per "
                        + "pumping (95% interval, over 30 and 30 pumpings); a tendency, not proof of a cause.",
                "Les tirages avec massage et compression ont donné en moyenne 15 mL de plus que les autres (115 "
                        + "mL contre 100 mL par tirage). La différence se situe probablement entre +10 mL et +20 mL par "
                        + "tirage (intervalle à 95\u00a0%, sur 30 et 30 tirages) ; une tendance, pas la preuve d’une cause.");
        golden("hands-on, less",
                "Hands-on pumpings (massage and compression) gave 16 mL less on average than the others (80 mL "
                        + "compared with 96 mL per pumping). The difference is likely between −24 mL and −7 mL per "
                        + "pumping (95% interval, over 12 and 40 pumpings); a tendency, not proof of a cause.",
                "Les tirages avec massage et compression ont donné en moyenne 16 mL de moins que les autres (80 "
                        + "mL contre 96 mL par tirage). La différence se situe probablement entre −24 mL et −7 mL par "
                        + "tirage (intervalle à 95\u00a0%, sur 12 et 40 tirages) ; une tendance, pas la preuve d’une cause.");
        golden("pump and flange",
                "Pumpings with Spectra S1 and 24 mm flanges gave 22 mL more on average than with Spectra S1 and "
                        + "27 mm flanges (110 mL compared with 88 mL per pumping). The difference is likely between +16 "
                        + "mL and +27 mL per pumping (95% interval, over 20 and 20 pumpings); a tendency, not proof of a "
                        + "cause.",
                "Les tirages avec Spectra S1 et des téterelles de 24 mm ont donné en moyenne 22 mL de plus "
                        + "qu’avec Spectra S1 et des téterelles de 27 mm (110 mL contre 88 mL par tirage). La différence "
                        + "se situe probablement entre +16 mL et +27 mL par tirage (intervalle à 95\u00a0%, sur 20 et 20 "
                        + "tirages) ; une tendance, pas la preuve d’une cause.");
        golden("pumps",
                "Pumpings with Spectra S1 gave 14 mL more on average than with Medela Freestyle (104 mL "
                        + "compared with 90 mL per pumping). The difference is likely between +2 mL and +26 mL per "
                        + "pumping (95% interval, over 25 and 18 pumpings); a tendency, not proof of a cause.",
                "Les tirages avec Spectra S1 ont donné en moyenne 14 mL de plus qu’avec Medela Freestyle (104 "
                        + "mL contre 90 mL par tirage). La différence se situe probablement entre +2 mL et +26 mL par "
                        + "tirage (intervalle à 95\u00a0%, sur 25 et 18 tirages) ; une tendance, pas la preuve d’une cause.");
        golden("flanges",
                "Pumpings with 21.5 mm flanges gave 13 mL more on average than with 24 mm flanges (97 mL "
                        + "compared with 84 mL per pumping). The difference is likely between +4 mL and +22 mL per "
                        + "pumping (95% interval, over 14 and 16 pumpings); a tendency, not proof of a cause.",
                "Les tirages avec des téterelles de 21,5 mm ont donné en moyenne 13 mL de plus qu’avec des "
                        + "téterelles de 24 mm (97 mL contre 84 mL par tirage). La différence se situe probablement entre "
                        + "+4 mL et +22 mL par tirage (intervalle à 95\u00a0%, sur 14 et 16 tirages) ; une tendance, pas la "
                        + "preuve d’une cause.");
        golden("none, too few days",
                "Insights about sleep, water and stress need at least 14 days with both a check-in and pumped "
                        + "volume; you have 9.",
                "Les observations sur le sommeil, l’eau et le stress demandent au moins 14 jours avec un bilan "
                        + "et un volume tiré ; vous en avez 9.");
        golden("none, nothing clear",
                "Nothing moved with your pumped volume clearly enough to tell over these 30 days.",
                "Rien n’a varié assez nettement avec votre volume tiré pour être dit sur ces 30 jours.");
    }

    private static void golden(String name, String english, String french) {
        GOLDEN.put(name, List.of(english, french));
    }

    private static String text(InsightsView view) {
        return view.insights().isEmpty() ? view.why() : view.insights().get(0).text();
    }

    @Test
    void everyInsightReadsWordForWordAsReviewed() {
        Map<String, List<String>> actual = new LinkedHashMap<>();
        cases().forEach((name, insights) -> actual.put(name, List.of(
                text(InsightTexts.view(insights, Locale.ENGLISH)), text(InsightTexts.view(insights, Locale.FRENCH)))));
        MessageBundleFiles.assertGolden(GOLDEN, actual);
    }

    @Test
    void aLanguageTheServiceDoesNotSpeakIsEnglish() {
        cases().forEach((name, insights) -> assertEquals(text(InsightTexts.view(insights, Locale.ENGLISH)),
                text(InsightTexts.view(insights, Locale.GERMAN)), name));
    }
}
