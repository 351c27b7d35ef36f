package org.passerelle.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;
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

    /**
     * Each package shows only its doors: a public top-level type is used by another package's main code,
     * or is a bean that routes/ call by name (Camel invokes only public classes), or an H2 trigger (the
     * database creates it by name), or a type the tests of another package read. Everything else is
     * package-private.
     */
    @Test
    void publicTypesAreDoorsOtherPackagesUse() throws IOException {
        Set<String> routeBeans = routeBeans();
        ArchCondition<JavaClass> used = new ArchCondition<>("be used outside their package or be a route bean") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean outside = type.getDirectDependenciesToSelf().stream()
                        .anyMatch(d -> !d.getOriginClass().getPackageName().equals(type.getPackageName()))
                        || caughtOutsideItsPackage(type);
                boolean databaseTrigger = type.isAssignableTo("org.h2.api.Trigger"); // H2 creates it by class name
                if (!outside && !databaseTrigger && !routeBeans.contains(beanName(type)) && !TEST_DOORS.contains(type.getName())) {
                    events.add(SimpleConditionEvent.violated(type, type.getName()
                            + " is public but no other package uses it: make it package-private"));
                }
            }
        };
        classes().that().arePublic().and().areTopLevelClasses().and().resideInAPackage("org.passerelle.*..")
                .should(used).check(main);
    }

    /** Camel calls the beans that routes/ name through reflection, which needs public classes and methods. */
    @Test
    void beansThatRoutesCallArePublic() throws IOException {
        Set<String> routeBeans = routeBeans();
        classes().that().areAnnotatedWith(Component.class).should(new ArchCondition<>("be public when a route calls them") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                if (routeBeans.contains(beanName(type)) && !type.getModifiers().contains(JavaModifier.PUBLIC)) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " is called by a route as "
                            + beanName(type) + " but is not public"));
                }
            }
        }).check(main);
    }

    /** ArchUnit does not count a catch clause as a dependency. */
    private static boolean caughtOutsideItsPackage(JavaClass type) {
        return main.stream().filter(c -> !c.getPackageName().equals(type.getPackageName()))
                .flatMap(c -> c.getCodeUnits().stream())
                .flatMap(u -> u.getTryCatchBlocks().stream())
                .anyMatch(block -> block.getCaughtThrowables().contains(type));
    }

    private static String beanName(JavaClass type) {
        if (type.isAnnotatedWith(Component.class)) {
            String named = type.getAnnotationOfType(Component.class).value();
            if (!named.isEmpty()) {
                return named;
            }
        }
        return Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1);
    }

    /**
     * Public only for tests of another package: settings records that the configuration tests bind and read,
     * and what Hl7IntakeTest reads back to compare HL7 intake with the REST one.
     */
    private static final Set<String> TEST_DOORS = Set.of(
            "org.passerelle.security.ConfiguredUser", "org.passerelle.security.SecurityProperties",
            "org.passerelle.channel.ChannelProperties", "org.passerelle.sandbox.SandboxProperties",
            "org.passerelle.scheduling.AppointmentView", "org.passerelle.scheduling.AppointmentViews",
            "org.passerelle.scheduling.AppointmentNotFoundException",
            "org.passerelle.scheduling.hl7.mllp.PipelinedMllpComponent");

    private static Set<String> routeBeans() throws IOException {
        Set<String> beans = new HashSet<>();
        Pattern ref = Pattern.compile("ref:\\s*([A-Za-z0-9_]+)");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Matcher m = ref.matcher(Files.readString(file));
                while (m.find()) {
                    beans.add(m.group(1));
                }
            }
        }
        return beans;
    }
}
