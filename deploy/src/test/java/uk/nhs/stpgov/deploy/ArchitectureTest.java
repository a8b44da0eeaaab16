package uk.nhs.stpgov.deploy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

/** The module boundaries of DESIGN §3, checked on the compiled classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("uk.nhs.stpgov");
    }

    @Test
    void commandSideNeverUsesQuerySide() {
        noClasses().that().resideInAPackage("uk.nhs.stpgov.command..")
                .should().dependOnClassesThat().resideInAPackage("uk.nhs.stpgov.query..")
                .check(classes);
    }

    @Test
    void querySideNeverUsesCommandSide() {
        noClasses().that().resideInAPackage("uk.nhs.stpgov.query..")
                .should().dependOnClassesThat().resideInAPackage("uk.nhs.stpgov.command..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void sharedEventsNeedNoSpringAndNoOtherModule() {
        noClasses().that().resideInAPackage("uk.nhs.stpgov.events..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "uk.nhs.stpgov.command..", "uk.nhs.stpgov.query..", "uk.nhs.stpgov.deploy..")
                .check(classes);
    }

    @Test
    void sharedEventsAreImmutable() {
        fields().that().areDeclaredInClassesThat().resideInAPackage("uk.nhs.stpgov.events..")
                .and().areNotStatic()
                .should().beFinal()
                .check(classes);
        ArchRule eventsAreRecords = classes().that().resideInAnyPackage("uk.nhs.stpgov.events.partnership",
                        "uk.nhs.stpgov.events.servicechange", "uk.nhs.stpgov.events.decision",
                        "uk.nhs.stpgov.events.accountability", "uk.nhs.stpgov.events.assessment")
                .should().beRecords();
        eventsAreRecords.check(classes);
    }

    @Test
    void aggregatesTouchNeitherWebNorJdbc() {
        noClasses().that().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.jdbc..", "java.sql..", "jakarta.servlet..")
                .check(classes);
    }

    @Test
    void controllersWriteNoSql() {
        noClasses().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(classes);
    }

    @Test
    void querySidePackagesDoNotDependOnEachOtherInACircle() {
        slices().matching("uk.nhs.stpgov.query.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * A read model's tables are written by its projection and read by its reader, in its own package; another read
     * model may use only that reader (and the rows it answers), never its projection, controller or SQL helpers.
     */
    @Test
    void readModelsReachEachOtherOnlyThroughTheirReaders() {
        List<String> readModels = List.of("accountabilitymap", "assessments", "audit", "decisions", "partnership",
                "servicechange", "timeline");
        for (String model : readModels) {
            String own = "uk.nhs.stpgov.query." + model;
            List<String> others = readModels.stream().filter(m -> !m.equals(model))
                    .map(m -> "uk.nhs.stpgov.query." + m).toList();
            noClasses().that().resideInAPackage(own + "..")
                    .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("internals of another read model") {
                        @Override
                        public boolean test(JavaClass target) {
                            String reader = target.getEnclosingClass().map(JavaClass::getSimpleName)
                                    .orElse(target.getSimpleName());
                            return others.contains(target.getPackageName())
                                    && !(reader.endsWith("Reader") || reader.endsWith("Queries"));
                        }
                    })
                    .check(classes);
        }
    }

    @Test
    void commandsAreImmutableRecords() {
        classes().that().resideInAPackage("uk.nhs.stpgov.command..").and().haveSimpleNameEndingWith("Commands")
                .should().haveModifier(JavaModifier.FINAL)
                .check(classes);
    }
}
