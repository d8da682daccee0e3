package app.supplyline.analytics;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The boundaries STYLE.md asks for, checked rather than hoped for. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("app.supplyline.analytics");

    @Test
    void trendMathKnowsNothingOfFrameworksStorageOrMessaging() {
        noClasses().that().resideInAPackage("..analytics.trend..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.vertx..", "io.smallrye..",
                        "org.apache.kafka..", "jakarta..", "org.hibernate..", "com.fasterxml..", "java.sql..")
                .check(CLASSES);
    }

    @Test
    void resourcesAreThinAndNeverTouchTheDatabase() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .orShould().dependOnClassesThat().resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("app.supplyline.(*).(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** HTTP is the resources' business: services and stores return or throw domain results, mapped at the boundary. */
    @Test
    void onlyResourcesBuildHttpProblems() {
        noClasses().that().haveSimpleNameNotEndingWith("Resource").and().haveSimpleNameNotEndingWith("Problems")
                .should().dependOnClassesThat().haveFullyQualifiedName("app.supplyline.platform.problem.ProblemException")
                .check(CLASSES);
    }
}
