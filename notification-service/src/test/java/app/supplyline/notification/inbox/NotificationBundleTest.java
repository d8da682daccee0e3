package app.supplyline.notification.inbox;

import app.supplyline.local.testing.MessageBundleFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bundle's files against each other and against the code: English and French have exactly the same keys, each
 * key is a method of {@link NotificationMessages} called by the service, every template uses exactly its method's
 * parameters (French as English), and no text is left in the Java that writes notifications.
 */
class NotificationBundleTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path SOURCES = Path.of("src/main/java/app/supplyline/notification");

    @Test
    void theFilesMatchEachOtherTheInterfaceAndTheCode() {
        assertEquals(List.of(), MessageBundleFiles.problems(RESOURCES, "notifications", "fr", NotificationMessages.class,
                SOURCES));
    }

    @Test
    void noTextIsLeftInTheJavaThatWritesNotifications() {
        assertEquals(List.of(), MessageBundleFiles.textIn(SOURCES.resolve("alerts/AlertTexts.java"),
                SOURCES.resolve("inbox/Messages.java"), SOURCES.resolve("inbox/Figures.java")));
    }
}
