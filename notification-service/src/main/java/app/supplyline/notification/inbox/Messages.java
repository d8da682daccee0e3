package app.supplyline.notification.inbox;

import app.supplyline.notification.preferences.Preferences;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import java.util.Locale;

/**
 * The way to this service's texts ({@link NotificationMessages}) in the {@link Preferences#LANGUAGES}; any other
 * preference is written in English.
 */
public final class Messages {

    /** A notification's words. */
    public record Text(String title, String body) {
    }

    private Messages() {
    }

    /** The texts in {@code locale}'s language. */
    public static NotificationMessages in(String locale) {
        return MessageBundles.get(NotificationMessages.class, Localized.Literal.of(language(locale)));
    }

    /** The figures as {@code locale}'s language writes them. */
    public static Figures figures(String locale) {
        return new Figures(in(locale), Locale.forLanguageTag(language(locale)));
    }

    public static Text reminder(String locale) {
        NotificationMessages m = in(locale);
        return new Text(m.reminderTitle(), m.reminderBody());
    }

    static String language(String locale) {
        String language = locale == null ? "en" : locale.toLowerCase(Locale.ROOT);
        return Preferences.supported(language) ? language : "en";
    }
}
