package app.supplyline.analytics.report;

import app.supplyline.local.testing.MessageBundleFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The why and insight bundles: English and French with exactly the same keys and placeholders, each key a method
 * called by the service, and no sentence left in the Java that writes them.
 */
class BundlesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path SOURCES = Path.of("src/main/java/app/supplyline/analytics");

    @Test
    void theWhyFilesMatchEachOtherTheInterfaceAndTheCode() {
        assertEquals(List.of(), MessageBundleFiles.problems(RESOURCES, "why", "fr", WhyMessages.class, SOURCES));
    }

    @Test
    void theInsightFilesMatchEachOtherTheInterfaceAndTheCode() {
        assertEquals(List.of(), MessageBundleFiles.problems(RESOURCES, "insights", "fr", InsightMessages.class, SOURCES));
    }

    @Test
    void noTextIsLeftInTheJavaThatWritesThem() {
        assertEquals(List.of(), MessageBundleFiles.textIn(SOURCES.resolve("report/Why.java"),
                SOURCES.resolve("report/InsightTexts.java"), SOURCES.resolve("trend/InsightCalculator.java")));
    }
}
