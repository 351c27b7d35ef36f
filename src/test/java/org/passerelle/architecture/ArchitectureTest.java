package org.passerelle.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** Package-by-feature boundaries from docs/architecture.md ("Package doors"), held by the build. */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.passerelle");
    }

    @Test
    void onlyTheChannelFeatureTouchesResilience4j() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.passerelle.channel..")
                .should().dependOnClassesThat().resideInAPackage("io.github.resilience4j..")
                .because("breakers are created and owned by the control plane and reach Camel by reference");
        rule.check(main);
    }

    @Test
    void nothingDependsOnTheSandbox() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.passerelle.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("org.passerelle.sandbox..")
                .because("production never loads the sandbox");
        rule.check(main);
    }

    @Test
    void controllersOnlyReachTheRepositoriesOfTheirOwnFeature() {
        for (String feature : new String[] {"channel", "scheduling", "sms", "payment", "security", "web", "api"}) {
            String pkg = "org.passerelle." + feature + "..";
            noClasses().that().resideInAPackage(pkg).and().areAnnotatedWith(RestController.class)
                    .should().dependOnClassesThat(
                            com.tngtech.archunit.base.DescribedPredicate.describe("a repository of another feature",
                                    c -> c.isAnnotatedWith(Repository.class) && !c.getPackageName().startsWith("org.passerelle." + feature)))
                    .allowEmptyShould(true)
                    .check(main);
        }
    }

    @Test
    void sharedApiPlumbingDependsOnNoFeature() {
        noClasses().that().resideInAPackage("org.passerelle.api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.passerelle.channel..", "org.passerelle.scheduling..", "org.passerelle.sms..",
                        "org.passerelle.payment..", "org.passerelle.security..", "org.passerelle.web..")
                .check(main);
    }

    @Test
    void featuresHaveNoCycles() {
        slices().matching("org.passerelle.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void repositoriesLiveInTheirFeaturePackage() {
        classes().that().areAnnotatedWith(Repository.class)
                .should().resideInAnyPackage("org.passerelle.channel..", "org.passerelle.scheduling..",
                        "org.passerelle.sms..", "org.passerelle.payment..")
                .allowEmptyShould(true)
                .check(main);
    }
}
