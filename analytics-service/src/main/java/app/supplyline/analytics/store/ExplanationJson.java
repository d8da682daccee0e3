package app.supplyline.analytics.store;

import app.supplyline.analytics.trend.Explanation;
import app.supplyline.analytics.trend.FeedingMode;
import app.supplyline.analytics.trend.LevelKind;
import app.supplyline.analytics.trend.RuleSet;
import app.supplyline.analytics.trend.StatusReason;
import app.supplyline.analytics.trend.SupplyStatus;
import app.supplyline.analytics.trend.Transition;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.function.Function;

/**
 * An {@link Explanation} as JSON: the jsonb column {@code supply_status.explanation} and the {@code explanation} of
 * a SupplyStatusChanged (its schema names the fields).
 */
public final class ExplanationJson {

    private ExplanationJson() {
    }

    public static JsonObject of(Explanation e) {
        return new JsonObject()
                .put("currentFrom", e.currentFrom().toString())
                .put("currentTo", e.currentTo().toString())
                .put("baselineFrom", e.baselineFrom().toString())
                .put("baselineTo", e.baselineTo().toString())
                .put("feedingMode", e.feedingMode().name())
                .put("reducingOnPurpose", e.reducingOnPurpose())
                .put("ruleSet", e.ruleSet().name())
                .put("levelKind", name(e.levelKind()))
                .put("currentLevel", e.currentLevel())
                .put("baselineLevel", e.baselineLevel())
                .put("changePct", e.changePct())
                .put("referenceLevel", e.referenceLevel())
                .put("changeFromReferencePct", e.changeFromReferencePct())
                .put("volumeDaysCurrent", e.volumeDaysCurrent())
                .put("volumeDaysBaseline", e.volumeDaysBaseline())
                .put("removalsPerDay", e.removalsPerDay())
                .put("baselineRemovalsPerDay", e.baselineRemovalsPerDay())
                .put("loggedDays", e.loggedDays())
                .put("regularDays", e.regularDays())
                .put("longestGapMinutes", e.longestGapMinutes())
                .put("status", e.status().name())
                .put("reason", name(e.reason()))
                .put("transition", name(e.transition()));
    }

    /** Null for null (a status evaluated before explanations were stored). */
    public static Explanation read(JsonObject j) {
        if (j == null) {
            return null;
        }
        return new Explanation(date(j, "currentFrom"), date(j, "currentTo"), date(j, "baselineFrom"),
                date(j, "baselineTo"), FeedingMode.valueOf(j.getString("feedingMode")),
                j.getBoolean("reducingOnPurpose", false), RuleSet.valueOf(j.getString("ruleSet")),
                value(j, "levelKind", LevelKind::valueOf), j.getDouble("currentLevel"), j.getDouble("baselineLevel"),
                j.getDouble("changePct"), j.getDouble("referenceLevel"), j.getDouble("changeFromReferencePct"),
                j.getInteger("volumeDaysCurrent", 0), j.getInteger("volumeDaysBaseline", 0),
                j.getDouble("removalsPerDay", 0.0), j.getDouble("baselineRemovalsPerDay"),
                j.getInteger("loggedDays", 0), j.getInteger("regularDays", 0),
                j.getInteger("longestGapMinutes"), SupplyStatus.valueOf(j.getString("status")),
                value(j, "reason", StatusReason::valueOf), value(j, "transition", Transition::valueOf));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static LocalDate date(JsonObject j, String field) {
        return LocalDate.parse(j.getString(field));
    }

    private static <T> T value(JsonObject j, String field, Function<String, T> parse) {
        String v = j.getString(field);
        return v == null ? null : parse.apply(v);
    }
}
