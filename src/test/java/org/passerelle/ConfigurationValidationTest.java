package org.passerelle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.passerelle.channel.ChannelProperties;
import org.passerelle.privacy.PrivacyProperties;
import org.passerelle.sandbox.SandboxProperties;
import org.passerelle.security.SecurityProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A misconfigured Passerelle refuses to start and says which property is wrong and why. Each case starts
 * the real application (all configuration classes, real binding and validation) with settings passed as
 * command-line arguments, which override every configuration file.
 */
class ConfigurationValidationTest {

    private static final String OPS_HASH = "{bcrypt}$2a$04$1JyJUYZkZ31gu0yttsII7OAhOLeFDTHktyyMMsZBhnR1XqT7fggj.";

    @Test
    void testProfileStarts() {
        try (ConfigurableApplicationContext context = start(new String[] {"test"})) {
            assertThat(context.isRunning()).isTrue();
            assertThat(context.getBean(SecurityProperties.class).users()).hasSize(5); // ops2: the second ops user of the four-eyes restore
            assertThat(context.getBean(ChannelProperties.class).reconcileInterval()).isPositive();
        }
    }

    @Test
    void noUsersOutsideTheLocalProfileRefusesToStart() {
        String message = startFailure(new String[0], freshDatabase());
        assertThat(message).contains("passerelle.security.users").contains("at least one user");
    }

    @Test
    void noDatabaseOutsideTheLocalProfileRefusesToStart() {
        Throwable failure = catchThrowable(() -> start(new String[0],
                "--passerelle.security.users[0].username=ops",
                "--passerelle.security.users[0].password=" + OPS_HASH,
                "--passerelle.security.users[0].roles=OPS").close());
        assertThat(failure).as("a deployment without spring.datasource.url must not start on a throwaway in-memory database")
                .isNotNull();
        // the exception is Spring Boot's; the report the user reads is Passerelle's own (FirstStartTest)
        assertThat(causeChainMessages(failure)).contains("'dataSource'").contains("Failed to determine a suitable driver class");
    }

    @Test
    void plainTextPasswordRefusesToStart() {
        for (String password : List.of("{noop}x", "secret")) {
            String message = startFailure(new String[0], freshDatabase(),
                    "--passerelle.security.users[0].username=ops",
                    "--passerelle.security.users[0].password=" + password,
                    "--passerelle.security.users[0].roles=OPS");
            assertThat(message).as(password)
                    .contains("passerelle.security")
                    .contains("users[0].password")
                    .contains("plain-text passwords are refused");
            assertThat(message).as("the refused password is not echoed into the failure report")
                    .doesNotContain(password);
        }
    }

    @Test
    void userWithoutRoleRefusesToStart() {
        String message = startFailure(new String[0], freshDatabase(),
                "--passerelle.security.users[0].username=ops",
                "--passerelle.security.users[0].password=" + OPS_HASH);
        assertThat(message).contains("users[0].roles").contains("at least one role");
    }

    @Test
    void aHashedUserIsEnoughOutsideTheLocalProfile() {
        try (ConfigurableApplicationContext context = start(new String[0], freshDatabase(),
                "--passerelle.security.users[0].username=ops",
                "--passerelle.security.users[0].password=" + OPS_HASH,
                "--passerelle.security.users[0].roles=OPS")) {
            assertThat(context.getBean(SecurityProperties.class).users()).singleElement()
                    .satisfies(u -> assertThat(u.username()).isEqualTo("ops"));
        }
    }

    @Test
    void aBodyLimitAboveTenMegabytesRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.http.max-body-size=20MB");
        assertThat(message).contains("passerelle.http.max-body-size must be between 1KB and 10MB");
    }

    @Test
    void aLoginWindowOfZeroOrNoFailuresAllowedRefusesToStart() {
        assertThat(startFailure(new String[] {"test"}, "--passerelle.security.login.window=0s"))
                .contains("passerelle.security.login.window must be between 1s and 24h");
        assertThat(startFailure(new String[] {"test"}, "--passerelle.security.login.max-failures-per-user=0"))
                .contains("passerelle.security.login.max-failures-per-user must be between 1 and 1000");
        assertThat(startFailure(new String[] {"test"}, "--passerelle.security.login.max-attempts=5"))
                .contains("passerelle.security.login.max-attempts");
    }

    @Test
    void reconcileIntervalAboveOneSecondRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.channels.reconcile-interval=5s");
        assertThat(message).contains("passerelle.channels.reconcile-interval").contains("between 10ms and 1s");
    }

    @Test
    void reconcileIntervalBelowTenMillisecondsRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.channels.reconcile-interval=0s");
        assertThat(message).contains("passerelle.channels.reconcile-interval").contains("between 10ms and 1s");
    }

    @Test
    void zeroFailureRateThresholdRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.channels.breakers.sms.failure-rate-threshold=0");
        assertThat(message).contains("passerelle.channels").contains("failure-rate-threshold").contains("between 1 and 100");
    }

    @Test
    void aClaimLeaseShorterThanOneBatchAndTheWindowAheadOfItRefusesToStart() {
        // up to 2 x (200 reminders + a window of 100) ahead of a batch's last one (the batch, what may wait before it,
        // the window) x 3 segments at 200/s is 9 s, twice 18 s, plus twice the 10 s transaction timeout: 38 s (26 s
        // would do for the batch alone)
        String message = startFailure(new String[] {"test"}, "--passerelle.sms.claim-lease=36s",
                "--passerelle.sms.batch-size=200", "--passerelle.sms.window=100", "--passerelle.sms.segments-per-second=200");
        assertThat(message).contains("passerelle.sms.claim-lease is too short for one batch").contains("batch-size")
                .contains("window");
        try (ConfigurableApplicationContext context = start(new String[] {"test"}, "--passerelle.sms.claim-lease=38s",
                "--passerelle.sms.batch-size=200", "--passerelle.sms.window=100", "--passerelle.sms.segments-per-second=200")) {
            assertThat(context.isRunning()).as("a lease that outlasts the batch and the window ahead of it starts").isTrue();
        }
    }

    @Test
    void aWindowOfZeroRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.sms.window=0");
        assertThat(message).contains("passerelle.sms").contains("window");
    }

    @Test
    void breakerForAChannelWithoutBreakerRefusesToStart() {
        String message = startFailure(new String[] {"test"},
                "--passerelle.channels.breakers.scheduling.failure-rate-threshold=50");
        assertThat(message).contains("passerelle.channels.breakers").contains("sms, payments");
    }

    @Test
    void aSuspendDrainTimeoutAboveThirtySecondsRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.channels.suspend-drain-timeout=31s");
        assertThat(message).contains("passerelle.channels.suspend-drain-timeout must be between 0 and 30s");
    }

    @Test
    void aBreakerOpenForLessThanOneHundredMillisecondsRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.channels.breakers.payments.wait-in-open-state=10ms");
        assertThat(message).contains("breakers[payments].waitInOpenState")
                .contains("passerelle.channels.breakers.<channel>.wait-in-open-state must be between 100ms and 1h");
    }

    @Test
    void aMisspelledChannelSettingRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.channels.reconcile-intervall=1s");
        assertThat(message).contains("passerelle.channels.reconcile-intervall").contains("left unbound");
    }

    @Test
    void aSiteWithoutAddressRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.sites.NORD.label=Hopital Nord",
                "--passerelle.sites.NORD.callback-phone=02 99 00 00 00");
        assertThat(message).contains("sites[NORD].address").contains("passerelle.sites.<code>.address is required");
    }

    @Test
    void aSiteLabelLongerThanSixtyCharactersRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.sites.SUD.label=" + "x".repeat(61));
        assertThat(message).contains("sites[SUD].label").contains("passerelle.sites.<code>.label must be at most 60 characters");
    }

    @Test
    void aSendingWindowThatEndsBeforeItStartsRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.reminders.send-from=20:00");
        assertThat(message).contains("passerelle.reminders.send-from must be before send-until");
    }

    @Test
    void aMinimumLeadLongerThanTheLeadRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.reminders.minimum-lead=49h");
        assertThat(message).contains("passerelle.reminders.minimum-lead must be positive and shorter than lead");
    }

    @Test
    void anUnknownReminderZoneRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.reminders.zone=Mars/Olympus");
        assertThat(message).contains("passerelle.reminders.zone").contains("Mars/Olympus");
    }

    @Test
    void anHl7PortOutOfRangeRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.hl7.port=70000");
        assertThat(message).contains("passerelle.hl7.port must be between 0 and 65535");
    }

    @Test
    void anUnknownHl7StartFieldRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.hl7.start-field=PID_7");
        assertThat(message).contains("passerelle.hl7.start-field").contains("PID_7");
    }

    @Test
    void aPurgeLongerThanTenYearsRefusesToStart() {
        String message = startFailure(new String[] {"test"}, "--passerelle.privacy.purge-after=3651d");
        assertThat(message).contains("passerelle.privacy.purge-after must be between 0 and 3650d");
    }

    @Test
    void aBarePurgeAfterIsDays() {
        try (ConfigurableApplicationContext context = start(new String[] {"test"}, "--passerelle.privacy.purge-after=30")) {
            assertThat(context.getBean(PrivacyProperties.class).purgeAfter()).isEqualTo(Duration.ofDays(30));
        }
    }

    @Test
    void theFormerPurgeAfterDaysRefusesToStartRatherThanBeingIgnored() {
        String message = startFailure(new String[] {"test"}, "--passerelle.privacy.purge-after-days=30");
        assertThat(message).contains("passerelle.privacy.purge-after-days").contains("left unbound");
    }

    @Test
    void aUsernameWithASpaceRefusesToStart() {
        String message = startFailure(new String[0], freshDatabase(),
                "--passerelle.security.users[0].username=front desk",
                "--passerelle.security.users[0].password=" + OPS_HASH,
                "--passerelle.security.users[0].roles=OPS");
        assertThat(message).contains("users[0].username")
                .contains("passerelle.security.users[i].username must be 1-64 letters, digits or . _ @ -");
    }

    @Test
    void aSandboxPortOutOfRangeRefusesToStartTheLocalDefault() {
        String message = startFailure(new String[] {"local"}, freshDatabase(), "--passerelle.hl7.port=0",
                "--passerelle.sandbox.smsc-port=0");
        assertThat(message).contains("passerelle.sandbox.smsc-port must be between 1 and 65535");
    }

    @Test
    void theSandboxSettingsAreNotBoundOutsideTheLocalProfile() {
        try (ConfigurableApplicationContext context = start(new String[] {"test"}, "--passerelle.sandbox.smsc-port=0")) {
            assertThat(context.getBeansOfType(SandboxProperties.class)).isEmpty();
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    @Test
    void missingPrivacyKeysRefuseToStart() {
        String message = startFailure(new String[0], freshDatabase(), "--passerelle.privacy.phone-encryption-key=",
                "--passerelle.security.users[0].username=ops", "--passerelle.security.users[0].password=" + OPS_HASH,
                "--passerelle.security.users[0].roles=OPS");
        assertThat(message).contains("phone-encryption-key");
    }

    @Test
    void aShortEncryptionKeyRefusesToStart() {
        String message = startFailure(new String[0], freshDatabase(), "--passerelle.privacy.phone-encryption-key=c2hvcnQ=",
                "--passerelle.security.users[0].username=ops", "--passerelle.security.users[0].password=" + OPS_HASH,
                "--passerelle.security.users[0].roles=OPS");
        assertThat(message).contains("exactly 32 bytes");
    }

    private static void addUnlessGiven(List<String> args, String option, String value) {
        if (args.stream().noneMatch(a -> a.startsWith(option))) {
            args.add(option + value);
        }
    }

    private static String freshDatabase() {
        return "--spring.datasource.url=jdbc:h2:mem:config-" + UUID.randomUUID();
    }

    private static ConfigurableApplicationContext start(String[] profiles, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--server.port=0");
        all.add("--spring.main.banner-mode=off");
        // required outside the test and local profiles; valid here so each case fails on its own setting
        addUnlessGiven(all, "--passerelle.privacy.phone-encryption-key=", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        addUnlessGiven(all, "--passerelle.privacy.phone-hash-key=", "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=");
        addUnlessGiven(all, "--passerelle.payments.backend.url=", "http://127.0.0.1:9/terminal-backend");
        return new SpringApplicationBuilder(PasserelleApplication.class)
                .profiles(profiles)
                .run(all.toArray(String[]::new));
    }

    /**
     * Starts the application, expects it to fail on configuration binding and returns every message found
     * along the cause chain, including each validation error with its field and rule.
     */
    private static String startFailure(String[] profiles, String... args) {
        Throwable failure = catchThrowable(() -> {
            try (ConfigurableApplicationContext context = start(profiles, args)) {
                // started: the assertion below reports it
            }
        });
        assertThat(failure).as("start with %s should fail", List.of(args)).isNotNull();
        boolean bindingFailure = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            bindingFailure |= t instanceof ConfigurationPropertiesBindException || t instanceof BindValidationException;
        }
        String messages = causeChainMessages(failure);
        assertThat(bindingFailure).as("failure is a configuration binding failure: %s", messages).isTrue();
        return messages;
    }

    /** Every message along the cause chain, with each validation error's field and rule. */
    private static String causeChainMessages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            if (t instanceof BindValidationException bve) {
                for (ObjectError error : bve.getValidationErrors()) {
                    messages.add(error.getObjectName() + (error instanceof FieldError fe ? "." + fe.getField() : "")
                            + ": " + error.getDefaultMessage());
                }
            }
        }
        return String.join("\n", messages);
    }
}
