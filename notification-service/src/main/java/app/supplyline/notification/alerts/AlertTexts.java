package app.supplyline.notification.alerts;

import app.supplyline.notification.inbox.Figures;
import app.supplyline.notification.inbox.Messages;
import app.supplyline.notification.inbox.Messages.Text;
import app.supplyline.notification.inbox.NotificationMessages;
import io.vertx.core.json.JsonObject;

import java.util.function.Function;

/**
 * The words of each alert, for the parent and for a clinician, made in the recipient's language from the event's
 * figures. An event with its explanation (schema version 2) is told with its dates and levels; an older one with
 * what it carries (the change only).
 */
final class AlertTexts {

    private AlertTexts() {
    }

    static Function<String, Text> seekHelp(Alert.StatusChanged change) {
        JsonObject e = change.explanation();
        return locale -> {
            Figures f = Messages.figures(locale);
            NotificationMessages m = f.m();
            String what = e == null ? m.seekHelpBodyBrief(f.percent(change.changePct()))
                    : m.seekHelpBody(f.date(e.getString("currentFrom")), f.date(e.getString("currentTo")),
                            level(f, e, "currentLevel"), f.percent(change.changePct()), level(f, e, "baselineLevel"));
            return new Text(m.seekHelpTitle(), what + " " + m.seekHelpAdvice());
        };
    }

    static Function<String, Text> clinicianAlert(Alert.StatusChanged change) {
        JsonObject e = change.explanation();
        return locale -> {
            Figures f = Messages.figures(locale);
            NotificationMessages m = f.m();
            String parent = parent(m, change.parentId(), change.parentDisplayName());
            return new Text(m.clinicianAlertTitle(), e == null
                    ? m.clinicianAlertBodyBrief(parent, f.percent(change.changePct()))
                    : m.clinicianAlertBody(parent, level(f, e, "currentLevel"), f.date(e.getString("currentFrom")),
                            f.date(e.getString("currentTo")), f.percent(change.changePct()), level(f, e, "baselineLevel"),
                            f.number(e.getDouble("removalsPerDay"))));
        };
    }

    static Function<String, Text> recovered(Alert.StatusChanged change) {
        JsonObject e = change.explanation() != null && change.explanation().getValue("referenceLevel") != null
                ? change.explanation() : null;
        return locale -> {
            Figures f = Messages.figures(locale);
            NotificationMessages m = f.m();
            return new Text(m.recoveredTitle(), e == null ? m.recoveredBodyBrief()
                    : m.recoveredBody(f.date(e.getString("currentFrom")), f.date(e.getString("currentTo")),
                            level(f, e, "currentLevel"), level(f, e, "referenceLevel")));
        };
    }

    static Function<String, Text> clinicianRecovered(Alert.StatusChanged change) {
        JsonObject e = change.explanation() != null && change.explanation().getValue("referenceLevel") != null
                ? change.explanation() : null;
        return locale -> {
            Figures f = Messages.figures(locale);
            NotificationMessages m = f.m();
            String parent = parent(m, change.parentId(), change.parentDisplayName());
            return new Text(m.clinicianRecoveredTitle(), e == null ? m.clinicianRecoveredBodyBrief(parent)
                    : m.clinicianRecoveredBody(parent, level(f, e, "currentLevel"), level(f, e, "referenceLevel")));
        };
    }

    static Function<String, Text> lowerLevel(Alert.StatusChanged change) {
        JsonObject e = explanation(change);
        return locale -> {
            Figures f = Messages.figures(locale);
            NotificationMessages m = f.m();
            return new Text(m.lowerLevelTitle(), m.lowerLevelBody(level(f, e, "currentLevel"),
                    f.percent(change.changeFromReferencePct()), level(f, e, "referenceLevel")));
        };
    }

    static Function<String, Text> clinicianLowerLevel(Alert.StatusChanged change) {
        JsonObject e = explanation(change);
        return locale -> {
            Figures f = Messages.figures(locale);
            NotificationMessages m = f.m();
            return new Text(m.clinicianLowerLevelTitle(), m.clinicianLowerLevelBody(
                    parent(m, change.parentId(), change.parentDisplayName()), f.percent(change.changeFromReferencePct()),
                    level(f, e, "currentLevel"), level(f, e, "referenceLevel")));
        };
    }

    static Function<String, Text> noRecentData() {
        return locale -> {
            NotificationMessages m = Messages.in(locale);
            return new Text(m.noRecentDataTitle(), m.noRecentDataBody());
        };
    }

    static Function<String, Text> clinicianNoRecentData(Alert.StatusChanged change) {
        return locale -> {
            NotificationMessages m = Messages.in(locale);
            return new Text(m.clinicianNoRecentDataTitle(),
                    m.clinicianNoRecentDataBody(parent(m, change.parentId(), change.parentDisplayName())));
        };
    }

    /** A tip when removal became irregular: the parent's removals a day and longest gap. */
    static Function<String, Text> frequencyTip(Alert.StatusChanged change) {
        JsonObject e = change.explanation();
        return locale -> {
            Figures f = Messages.figures(locale);
            NotificationMessages m = f.m();
            return new Text(m.tipTitle(), e == null ? m.tipFrequencyBodyBrief()
                    : m.tipFrequencyBody(f.number(e.getDouble("removalsPerDay")),
                            f.hours(e.getInteger("longestGapMinutes"))));
        };
    }

    /** A tip when fewer removals a day, rather than irregular ones, explain a dip: now and the week before. */
    static Function<String, Text> fewerRemovalsTip(Alert.StatusChanged change) {
        JsonObject e = change.explanation() != null && change.explanation().getValue("baselineRemovalsPerDay") != null
                ? change.explanation() : null;
        return locale -> {
            Figures f = Messages.figures(locale);
            NotificationMessages m = f.m();
            return new Text(m.tipTitle(), e == null ? m.tipFewerRemovalsBodyBrief()
                    : m.tipFewerRemovalsBody(f.number(e.getDouble("removalsPerDay")),
                            f.number(e.getDouble("baselineRemovalsPerDay"))));
        };
    }

    static Function<String, Text> milestone(Alert.MilestoneMissed missed) {
        return locale -> {
            Figures f = Messages.figures(locale);
            NotificationMessages m = f.m();
            return new Text(m.milestoneTitle(), m.milestoneBody(String.valueOf(missed.dayOfLife()),
                    f.millilitres(missed.thresholdMl()), f.millilitres(missed.bestDayMl())));
        };
    }

    static Function<String, Text> clinicianMilestone(Alert.MilestoneMissed missed) {
        return locale -> {
            Figures f = Messages.figures(locale);
            NotificationMessages m = f.m();
            return new Text(m.clinicianMilestoneTitle(), m.clinicianMilestoneBody(
                    parent(m, missed.parentId(), missed.parentDisplayName()), String.valueOf(missed.dayOfLife()),
                    f.millilitres(missed.thresholdMl()), f.millilitres(missed.bestDayMl())));
        };
    }

    /** How a clinician's message names the parent: the name they shared, else the first characters of their id. */
    private static String parent(NotificationMessages m, String parentId, String displayName) {
        if (displayName != null && !displayName.isBlank()) {
            return displayName.strip();
        }
        return m.unknownParent(parentId.length() > 8 ? parentId.substring(0, 8) : parentId);
    }

    private static JsonObject explanation(Alert.StatusChanged change) {
        return change.explanation() == null ? new JsonObject() : change.explanation();
    }

    private static String level(Figures f, JsonObject e, String field) {
        return f.level(e.getDouble(field), e.getString("levelKind"));
    }
}
