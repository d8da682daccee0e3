package app.supplyline.notification.inbox;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every text a parent or clinician receives from this service, as a Qute message bundle: the templates live in
 * {@code messages/notifications.properties} (English) and {@code messages/notifications_fr.properties} (French), one
 * key per method, and the build checks every template against its parameters. The figures arrive formatted for the
 * language ({@link Figures}).
 */
@MessageBundle(value = "notifications", locale = "en")
public interface NotificationMessages {

    String reminderTitle();

    String reminderBody();

    String seekHelpTitle();

    String seekHelpBody(String from, String to, String current, String change, String baseline);

    String seekHelpBodyBrief(String change);

    String seekHelpAdvice();

    String clinicianAlertTitle();

    String clinicianAlertBody(String parent, String current, String from, String to, String change, String baseline,
            String perDay);

    String clinicianAlertBodyBrief(String parent, String change);

    String recoveredTitle();

    String recoveredBody(String from, String to, String current, String reference);

    String recoveredBodyBrief();

    String lowerLevelTitle();

    String lowerLevelBody(String current, String change, String reference);

    String noRecentDataTitle();

    String noRecentDataBody();

    String milestoneTitle();

    String milestoneBody(String days, String threshold, String best);

    String tipTitle();

    String tipFrequencyBody(String perDay, String gap);

    String tipFrequencyBodyBrief();

    String tipFewerRemovalsBody(String now, String before);

    String tipFewerRemovalsBodyBrief();

    String clinicianRecoveredTitle();

    String clinicianRecoveredBody(String parent, String current, String reference);

    String clinicianRecoveredBodyBrief(String parent);

    String clinicianLowerLevelTitle();

    String clinicianLowerLevelBody(String parent, String change, String current, String reference);

    String clinicianNoRecentDataTitle();

    String clinicianNoRecentDataBody(String parent);

    String clinicianMilestoneTitle();

    String clinicianMilestoneBody(String parent, String days, String threshold, String best);

    String perDay(String value);

    String perPumping(String value);

    String millilitres(String value);

    String hours(String value);

    String percent(String value);

    String unknownParent(String id);
}
