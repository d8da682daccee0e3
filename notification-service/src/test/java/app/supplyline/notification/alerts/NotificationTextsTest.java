package app.supplyline.notification.alerts;

import app.supplyline.local.testing.MessageBundleFiles;
import app.supplyline.notification.inbox.Messages;
import app.supplyline.notification.inbox.Messages.Text;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The golden texts: every kind of notification, for the parent and for a clinician, in English and in French, word
 * for word as it is sent. A change of wording changes this test, so that it is read line by line in review. The
 * events are read as the consumer reads them ({@link Alert#parse}): a change with its explanation (schema version 2)
 * and an older one without.
 */
@QuarkusTest
class NotificationTextsTest {

    private static final String PARENT_ID = "5f0c2a7e-1b2c-4d3e-8f90-123456789abc";

    /** A seek-help episode begins: 560 mL a day from 20 to 26 November, 30 % below the 800 mL of the week before. */
    private static Alert.StatusChanged seekHelp(boolean withExplanation) {
        return change("STABLE", "SEEK_HELP", "SUPPLY_DROP", "EPISODE_STARTED", -30.0,
                explanation(560.0, 800.0, null, -30.0, null, 8.4, 8.6, 190), withExplanation);
    }

    private static Alert.StatusChanged change(String previous, String status, String reason, String transition,
            Double changePct, JsonObject explanation, boolean withExplanation) {
        JsonObject e = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", PARENT_ID)
                .put("type", Alert.STATUS_CHANGED).put("schemaVersion", withExplanation ? 2 : 1)
                .put("occurredAt", "2026-11-27T06:00:00Z").put("previousStatus", previous).put("status", status)
                .put("reasons", reason == null ? new JsonArray() : new JsonArray().add(reason))
                .put("episodeId", UUID.randomUUID().toString()).put("evaluatedFor", "2026-11-26")
                .put("clinicianIds", new JsonArray().add("clinician-1"))
                .put("metrics", new JsonObject().put("changePct", changePct));
        if (withExplanation) {
            e.put("transition", transition).put("parentDisplayName", "Camille R.").put("explanation", explanation);
        }
        return (Alert.StatusChanged) Alert.parse(e.encode());
    }

    private static JsonObject explanation(Double current, Double baseline, Double reference, Double changePct,
            Double fromReferencePct, double removalsPerDay, Double baselineRemovalsPerDay, Integer longestGapMinutes) {
        return new JsonObject().put("currentFrom", "2026-11-20").put("currentTo", "2026-11-26")
                .put("baselineFrom", "2026-11-13").put("baselineTo", "2026-11-19").put("levelKind", "DAILY_TOTAL")
                .put("currentLevel", current).put("baselineLevel", baseline).put("referenceLevel", reference)
                .put("changePct", changePct).put("changeFromReferencePct", fromReferencePct)
                .put("removalsPerDay", removalsPerDay).put("baselineRemovalsPerDay", baselineRemovalsPerDay)
                .put("longestGapMinutes", longestGapMinutes);
    }

    private static Alert.MilestoneMissed milestone() {
        return (Alert.MilestoneMissed) Alert.parse(new JsonObject().put("eventId", UUID.randomUUID().toString())
                .put("parentId", PARENT_ID).put("type", Alert.MILESTONE_MISSED).put("milestone", "COMING_TO_VOLUME")
                .put("babyBirthDate", "2026-11-06").put("dayOfLife", 14).put("thresholdMl", 500.0)
                .put("bestDayMl", 410.0).put("evaluatedFor", "2026-11-20")
                .put("clinicianIds", new JsonArray().add("clinician-1")).put("parentDisplayName", "Camille R.").encode());
    }

    /** Every text, by name. */
    private static Map<String, Function<String, Text>> texts() {
        Map<String, Function<String, Text>> texts = new LinkedHashMap<>();
        texts.put("reminder", Messages::reminder);
        texts.put("seek help", AlertTexts.seekHelp(seekHelp(true)));
        texts.put("seek help, version 1", AlertTexts.seekHelp(seekHelp(false)));
        texts.put("clinician alert", AlertTexts.clinicianAlert(seekHelp(true)));
        texts.put("clinician alert, version 1", AlertTexts.clinicianAlert(seekHelp(false)));
        Alert.StatusChanged recovered = change("SEEK_HELP", "STABLE", null, "RECOVERED", 12.0,
                explanation(780.0, 700.0, 800.0, 11.4, -2.5, 8.5, 8.4, 180), true);
        texts.put("recovered", AlertTexts.recovered(recovered));
        texts.put("recovered, version 1", AlertTexts.recovered(change("SEEK_HELP", "STABLE", null, null, 12.0, null, false)));
        texts.put("clinician recovered", AlertTexts.clinicianRecovered(recovered));
        texts.put("clinician recovered, version 1",
                AlertTexts.clinicianRecovered(change("SEEK_HELP", "STABLE", null, null, 12.0, null, false)));
        Alert.StatusChanged lower = change("SEEK_HELP", "WATCH", "LOWER_LEVEL", "LOWER_LEVEL", 2.0,
                explanation(640.0, 628.0, 800.0, 1.9, -20.0, 8.3, 8.2, 200), true);
        texts.put("lower level", AlertTexts.lowerLevel(lower));
        texts.put("clinician lower level", AlertTexts.clinicianLowerLevel(lower));
        Alert.StatusChanged none = change("SEEK_HELP", "INSUFFICIENT_DATA", "NO_RECENT_DATA", "NO_RECENT_DATA", null,
                explanation(null, 560.0, 800.0, null, null, 0.0, 8.1, null), true);
        texts.put("no recent data", AlertTexts.noRecentData());
        texts.put("clinician no recent data", AlertTexts.clinicianNoRecentData(none));
        texts.put("clinician no recent data, no name shared", AlertTexts.clinicianNoRecentData(
                change("SEEK_HELP", "INSUFFICIENT_DATA", "NO_RECENT_DATA", null, null, null, false)));
        Alert.StatusChanged irregular = change("STABLE", "WATCH", "FREQUENCY_LOW", null, -6.0,
                explanation(700.0, 745.0, null, -6.0, null, 5.1, 7.9, 420), true);
        texts.put("tip, irregular removal", AlertTexts.frequencyTip(irregular));
        texts.put("tip, irregular removal, version 1",
                AlertTexts.frequencyTip(change("STABLE", "WATCH", "FREQUENCY_LOW", null, -6.0, null, false)));
        Alert.StatusChanged fewer = change("STABLE", "WATCH", "FEWER_REMOVALS", null, -14.0,
                explanation(690.0, 800.0, null, -13.8, null, 6.3, 8.1, 240), true);
        texts.put("tip, fewer removals", AlertTexts.fewerRemovalsTip(fewer));
        texts.put("tip, fewer removals, version 1",
                AlertTexts.fewerRemovalsTip(change("STABLE", "WATCH", "FEWER_REMOVALS", null, -14.0, null, false)));
        texts.put("milestone", AlertTexts.milestone(milestone()));
        texts.put("clinician milestone", AlertTexts.clinicianMilestone(milestone()));
        return texts;
    }

    /** Name → English title, English body, French title, French body (French puts a no-break space before %). */
    private static final Map<String, List<String>> GOLDEN = new LinkedHashMap<>();

    static {
        golden("reminder",
                "Time to nurse or pump",
                "It has been a while since your last session. Removing milk regularly, by nursing or pumping, "
                        + "keeps your supply going.",
                "C’est l’heure d’allaiter ou de tirer votre lait",
                "Votre dernière séance date d’un moment. Retirer le lait régulièrement, au sein ou au "
                        + "tire-lait, entretient votre lactation.");
        golden("seek help",
                "Your pumped volume is lower",
                "From 20 November to 26 November you pumped 560 mL a day on average, 30% less than the week "
                        + "before (800 mL a day), although you kept removing milk regularly. Keep nursing or pumping as "
                        + "usual. Pumped volume is only part of the picture: your baby’s weight gain and wet diapers tell "
                        + "more. A lactation consultant (IBCLC) or your healthcare provider can help you find out why, "
                        + "and it is never too early to ask.",
                "Votre volume tiré est plus bas",
                "Du 20 novembre au 26 novembre, vous avez tiré en moyenne 560 mL par jour, soit 30\u00a0% de moins "
                        + "que la semaine précédente (800 mL par jour), alors que vous avez continué à retirer votre lait "
                        + "régulièrement. Continuez à allaiter ou à tirer votre lait comme d’habitude. Le volume tiré ne "
                        + "dit pas tout : la prise de poids de votre bébé et ses couches mouillées en disent davantage. "
                        + "Une consultante en lactation (IBCLC) ou votre professionnel de santé peut vous aider à en "
                        + "comprendre la raison, et il n’est jamais trop tôt pour demander.");
        golden("seek help, version 1",
                "Your pumped volume is lower",
                "This week you pumped 30% less than the week before, although you kept removing milk regularly. "
                        + "Keep nursing or pumping as usual. Pumped volume is only part of the picture: your baby’s "
                        + "weight gain and wet diapers tell more. A lactation consultant (IBCLC) or your healthcare "
                        + "provider can help you find out why, and it is never too early to ask.",
                "Votre volume tiré est plus bas",
                "Cette semaine, vous avez tiré 30\u00a0% de moins que la semaine précédente, alors que vous avez "
                        + "continué à retirer votre lait régulièrement. Continuez à allaiter ou à tirer votre lait comme "
                        + "d’habitude. Le volume tiré ne dit pas tout : la prise de poids de votre bébé et ses couches "
                        + "mouillées en disent davantage. Une consultante en lactation (IBCLC) ou votre professionnel de "
                        + "santé peut vous aider à en comprendre la raison, et il n’est jamais trop tôt pour demander.");
        golden("clinician alert",
                "A parent may need support",
                "Camille R.: pumped 560 mL a day on average from 20 November to 26 November, 30% less than the "
                        + "week before (800 mL a day), with regular removal (8.4 removals a day). Consider reaching out.",
                "Un parent a peut-être besoin de soutien",
                "Camille R. : volume tiré de 560 mL par jour en moyenne du 20 novembre au 26 novembre, soit "
                        + "30\u00a0% de moins que la semaine précédente (800 mL par jour), malgré des retraits de lait "
                        + "réguliers (8,4 par jour). Pensez à le contacter.");
        golden("clinician alert, version 1",
                "A parent may need support",
                "Parent 5f0c2a7e: pumped volume 30% lower than the week before, with regular removal. Consider "
                        + "reaching out.",
                "Un parent a peut-être besoin de soutien",
                "Parent 5f0c2a7e : volume tiré en baisse de 30\u00a0% par rapport à la semaine précédente, malgré "
                        + "des retraits de lait réguliers. Pensez à le contacter.");
        golden("recovered",
                "Your pumped volume is back up",
                "From 20 November to 26 November you pumped 780 mL a day on average, close to your level before "
                        + "it fell (800 mL a day). Keep nursing or pumping as you do now.",
                "Votre volume tiré est remonté",
                "Du 20 novembre au 26 novembre, vous avez tiré en moyenne 780 mL par jour, près de votre niveau "
                        + "d’avant la baisse (800 mL par jour). Continuez à allaiter ou à tirer votre lait comme "
                        + "maintenant.");
        golden("recovered, version 1",
                "Your pumped volume is back up",
                "Your pumped volume is back close to where it was before it fell. Keep nursing or pumping as "
                        + "you do now.",
                "Votre volume tiré est remonté",
                "Votre volume tiré est revenu près de son niveau d’avant la baisse. Continuez à allaiter ou à "
                        + "tirer votre lait comme maintenant.");
        golden("clinician recovered",
                "A parent’s pumped volume is back up",
                "Camille R.: pumped volume back close to its level before the drop (780 mL a day compared with "
                        + "800 mL a day).",
                "Le volume tiré d’un parent est remonté",
                "Camille R. : volume tiré revenu près de son niveau d’avant la baisse (780 mL par jour contre "
                        + "800 mL par jour).");
        golden("clinician recovered, version 1",
                "A parent’s pumped volume is back up",
                "Parent 5f0c2a7e: pumped volume back close to its level before the drop.",
                "Le volume tiré d’un parent est remonté",
                "Parent 5f0c2a7e : volume tiré revenu près de son niveau d’avant la baisse.");
        golden("lower level",
                "Your pumped volume has settled",
                "Your pumped volume has settled at 640 mL a day, about 20% below your level before it fell (800 "
                        + "mL a day). This is not an emergency: if your baby is gaining weight well and has enough wet "
                        + "diapers, your milk may be meeting their needs. If you would like more milk, a lactation "
                        + "consultant (IBCLC) can still help.",
                "Votre volume tiré s’est stabilisé",
                "Votre volume tiré s’est stabilisé à 640 mL par jour, environ 20\u00a0% sous votre niveau d’avant la "
                        + "baisse (800 mL par jour). Ce n’est pas une urgence : si votre bébé prend bien du poids et "
                        + "mouille assez de couches, votre lait répond peut-être à ses besoins. Si vous souhaitez plus de "
                        + "lait, une consultante en lactation (IBCLC) peut toujours vous aider.");
        golden("clinician lower level",
                "A parent’s pumped volume settled lower",
                "Camille R.: pumped volume settled about 20% below its level before the drop (640 mL a day "
                        + "compared with 800 mL a day).",
                "Le volume tiré d’un parent s’est stabilisé plus bas",
                "Camille R. : volume tiré stabilisé environ 20\u00a0% sous son niveau d’avant la baisse (640 mL par "
                        + "jour contre 800 mL par jour).");
        golden("no recent data",
                "No pumped volumes lately",
                "No pumped volumes were logged on most of the last 7 days, so we can no longer tell how your "
                        + "supply is doing. Log your next sessions and we will tell you again.",
                "Pas de volumes tirés récemment",
                "Aucun volume tiré n’a été noté la plupart des 7 derniers jours : nous ne pouvons plus dire "
                        + "comment évolue votre lactation. Notez vos prochaines séances et nous pourrons vous le dire à "
                        + "nouveau.");
        golden("clinician no recent data",
                "A parent’s status is unknown",
                "Camille R.: no pumped volumes logged lately; the status cannot be judged.",
                "Statut d’un parent inconnu",
                "Camille R. : aucun volume tiré noté récemment ; le statut ne peut pas être établi.");
        golden("clinician no recent data, no name shared",
                "A parent’s status is unknown",
                "Parent 5f0c2a7e: no pumped volumes logged lately; the status cannot be judged.",
                "Statut d’un parent inconnu",
                "Parent 5f0c2a7e : aucun volume tiré noté récemment ; le statut ne peut pas être établi.");
        golden("tip, irregular removal",
                "A tip for your supply",
                "Over the last 7 days you removed milk 5.1 times a day on average, and your longest gap was 7 "
                        + "h. Supply follows removal: regular sessions through the day and night, with no gap much longer "
                        + "than 5 hours, help most. Massage and compression while pumping help too.",
                "Un conseil pour votre lactation",
                "Ces 7 derniers jours, vous avez retiré votre lait 5,1 fois par jour en moyenne, et votre plus "
                        + "long intervalle a été de 7 h. La production suit les retraits de lait : des séances régulières "
                        + "de jour comme de nuit, sans intervalle de beaucoup plus de 5 heures, aident le plus. Masser et "
                        + "comprimer le sein pendant le tirage aide aussi.");
        golden("tip, irregular removal, version 1",
                "A tip for your supply",
                "Supply follows removal: regular sessions through the day and night, with no gap much longer "
                        + "than 5 hours, help most. Massage and compression while pumping help too.",
                "Un conseil pour votre lactation",
                "La production suit les retraits de lait : des séances régulières de jour comme de nuit, sans "
                        + "intervalle de beaucoup plus de 5 heures, aident le plus. Masser et comprimer le sein pendant "
                        + "le tirage aide aussi.");
        golden("tip, fewer removals",
                "A tip for your supply",
                "You removed milk 6.3 times a day over the last 7 days, compared with 8.1 the week before, and "
                        + "supply follows removal. Adding back a session or two a day usually helps.",
                "Un conseil pour votre lactation",
                "Vous avez retiré votre lait 6,3 fois par jour ces 7 derniers jours, contre 8,1 la semaine "
                        + "précédente, et la production suit les retraits. Rajouter une ou deux séances par jour aide en "
                        + "général.");
        golden("tip, fewer removals, version 1",
                "A tip for your supply",
                "You removed milk fewer times a day lately than before, and supply follows removal. Adding back "
                        + "a session or two a day usually helps.",
                "Un conseil pour votre lactation",
                "Vous avez retiré votre lait moins souvent par jour ces derniers temps, et la production suit "
                        + "les retraits. Rajouter une ou deux séances par jour aide en général.");
        golden("milestone",
                "About your pumped volume",
                "Your baby is 14 days old and your pumped volume has not reached 500 mL a day yet (your best "
                        + "day: 410 mL). Many parents get there with some help: a lactation consultant (IBCLC) can check "
                        + "how often you pump, the fit of your flanges and your technique. Meanwhile, keep nursing or "
                        + "pumping 8 or more times a day; your baby’s weight gain and wet diapers show how feeding is "
                        + "going.",
                "À propos de votre volume tiré",
                "Votre bébé a 14 jours et votre volume tiré n’a pas encore atteint 500 mL par jour (votre "
                        + "meilleure journée : 410 mL). Beaucoup de parents y arrivent avec un peu d’aide : une "
                        + "consultante en lactation (IBCLC) peut vérifier la fréquence de vos tirages, la taille de vos "
                        + "téterelles et votre technique. En attendant, continuez à allaiter ou à tirer votre lait au "
                        + "moins 8 fois par jour ; la prise de poids de votre bébé et ses couches mouillées montrent "
                        + "comment se passe l’alimentation.");
        golden("clinician milestone",
                "A parent has not come to volume",
                "Camille R.: baby 14 days old, pumped volume below 500 mL a day (best day 410 mL).",
                "Un parent n’a pas atteint le plein volume",
                "Camille R. : bébé de 14 jours, volume tiré inférieur à 500 mL par jour (meilleure journée : "
                        + "410 mL).");
    }

    private static void golden(String name, String enTitle, String enBody, String frTitle, String frBody) {
        GOLDEN.put(name, List.of(enTitle, enBody, frTitle, frBody));
    }

    @Test
    void everyNotificationReadsWordForWordAsReviewed() {
        Map<String, List<String>> actual = new LinkedHashMap<>();
        texts().forEach((name, text) -> {
            Text en = text.apply("en");
            Text fr = text.apply("fr");
            actual.put(name, List.of(en.title(), en.body(), fr.title(), fr.body()));
        });
        MessageBundleFiles.assertGolden(GOLDEN, actual);
    }

    @Test
    void everySentTextIsFilledIn() {
        texts().forEach((name, text) -> {
            for (String language : List.of("en", "fr", "de")) {
                Text t = text.apply(language);
                for (String s : List.of(t.title(), t.body())) {
                    assertFalse(s.isBlank(), name);
                    assertFalse(s.matches("(?s).*(\\{|\\}|%s|%d|null|NaN).*"), name + " (" + language + "): " + s);
                }
            }
        });
    }

    @Test
    void aLanguageThisServiceDoesNotSpeakIsWrittenInEnglish() {
        texts().forEach((name, text) -> assertEquals(text.apply("en"), text.apply("de"), name));
    }
}
