package org.passerelle.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.passerelle.testsupport.Api.reason;
import static org.passerelle.testsupport.Role.AUDITOR;
import static org.passerelle.testsupport.Role.OPS;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.passerelle.testsupport.Api;
import org.passerelle.testsupport.ApiResponse;
import org.passerelle.testsupport.PasserelleInstance;
import org.passerelle.testsupport.PostgresTestDatabase;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Kill switches live in the database, not in memory: after a restart the suspended channel is still
 * suspended, its gate closed from the very first moment (before the web server accepts a request), and a
 * breaker forced open is forced open again although Resilience4j starts every breaker CLOSED.
 */
class RestartSurvivalTest {

    @RegisterExtension
    static final PostgresTestDatabase db = PostgresTestDatabase.perClass("restart");

    @Test
    void suspendedChannelAndForcedBreakerSurviveARestartAndTheAuditIsIntact() {
        List<AuditEntry> auditBefore;
        long revisionBefore;
        try (PasserelleInstance first = PasserelleInstance.start("before-restart", db.springArgs())) {
            assertThat(first.as(OPS).post("/api/channels/sms/suspend", reason("SMSC under attack")).status()).isEqualTo(200);
            ApiResponse forced = first.as(OPS).post("/api/channels/payments/breaker", Api.json(Map.of("action", "FORCE_OPEN", "reason", "terminal backend compromised")));
            assertThat(forced.status()).as("%s", forced).isEqualTo(200);

            assertThat(first.bean(ChannelGate.class).isOpen(ChannelId.SMS)).isFalse();
            assertThat(first.bean(ChannelBreakers.class).breaker(ChannelId.PAYMENTS).getState())
                    .isEqualTo(CircuitBreaker.State.FORCED_OPEN);
            auditBefore = first.bean(AuditLog.class).find(new AuditQuery(null, null, null, 0, 500)).items();
            assertThat(auditBefore).extracting(AuditEntry::action)
                    .containsExactly(AuditAction.BREAKER_FORCE_OPEN, AuditAction.SUSPEND);
            revisionBefore = first.bean(ChannelStore.class).revision();
        }

        StartupProbe probe = new StartupProbe();
        try (PasserelleInstance second = PasserelleInstance.start("after-restart", db.springArgs(), builder -> builder
                .initializers(ctx -> {
                    ctx.getBeanFactory().addBeanPostProcessor(probe);
                    ctx.getBeanFactory().registerSingleton("startupProbe", probe);
                })
                .listeners(probe))) {

            assertThat(probe.seen).as("what the probe saw while the application started").containsExactly(
                    "gate created: sms open=false state=null",
                    "first lifecycle phase: sms open=false state=null",
                    "web server started: sms open=false state=SUSPENDED, payments breaker FORCED_OPEN");

            ChannelGate gate = second.bean(ChannelGate.class);
            assertThat(gate.appliedState(ChannelId.SMS)).isEqualTo(ChannelState.SUSPENDED);
            assertThat(gate.isOpen(ChannelId.SMS)).isFalse();
            assertThat(gate.isOpen(ChannelId.PAYMENTS)).as("a forced breaker does not suspend the channel").isTrue();
            assertThat(second.bean(ChannelBreakers.class).breaker(ChannelId.PAYMENTS).getState())
                    .isEqualTo(CircuitBreaker.State.FORCED_OPEN);
            assertThat(second.bean(ChannelBreakers.class).breaker(ChannelId.SMS).getState())
                    .isEqualTo(CircuitBreaker.State.CLOSED);

            JsonNode sms = second.as(AUDITOR).get("/api/channels/sms").json();
            assertThat(sms.path("state").asText()).isEqualTo("SUSPENDED");
            assertThat(sms.path("open").asBoolean(true)).isFalse();
            assertThat(sms.path("lastChange").path("reason").asText()).isEqualTo("SMSC under attack");
            JsonNode payments = second.as(AUDITOR).get("/api/channels/payments").json();
            assertThat(payments.path("breaker").path("state").asText()).isEqualTo("FORCED_OPEN");
            assertThat(payments.path("breaker").path("mode").asText()).isEqualTo("FORCED_OPEN");

            AuditLog audit = second.bean(AuditLog.class);
            assertThat(audit.find(new AuditQuery(null, null, null, 0, 500)).items())
                    .as("the audit survives the restart unchanged").isEqualTo(auditBefore);
            assertThat(second.bean(ChannelStore.class).revision()).as("a restart is not a control change")
                    .isEqualTo(revisionBefore);

            // And ops carry on from there: the new instance appends to the same history.
            assertThat(second.as(OPS).post("/api/channels/sms/resume", reason("SMSC clean again")).status()).isEqualTo(200);
            assertThat(second.as(OPS).post("/api/channels/payments/breaker", Api.json(Map.of("action", "RESET", "reason", "backend restored"))).status()).isEqualTo(200);
            assertThat(gate.isOpen(ChannelId.SMS)).isTrue();
            assertThat(second.bean(ChannelBreakers.class).breaker(ChannelId.PAYMENTS).getState())
                    .isEqualTo(CircuitBreaker.State.CLOSED);
            List<AuditEntry> after = audit.find(new AuditQuery(null, null, null, 0, 500)).items();
            assertThat(after).hasSize(4);
            assertThat(after.subList(2, 4)).isEqualTo(auditBefore);
            assertThat(after.get(0).id()).isGreaterThan(auditBefore.get(0).id());
        }
    }

    /**
     * Records the sms gate at three moments of start-up: when the gate bean is created, in the earliest
     * lifecycle phase (before the reconciler loads anything), and when the web server has started listening.
     */
    static final class StartupProbe implements BeanPostProcessor, SmartLifecycle,
            ApplicationListener<ServletWebServerInitializedEvent> {

        final List<String> seen = new CopyOnWriteArrayList<>();
        private ChannelGate gate;
        private volatile boolean running;

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof ChannelGate g) {
                gate = g;
                seen.add("gate created: " + sms());
            }
            return bean;
        }

        @Override
        public void start() {
            seen.add("first lifecycle phase: " + sms());
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return Integer.MIN_VALUE;
        }

        @Override
        public void onApplicationEvent(ServletWebServerInitializedEvent event) {
            CircuitBreaker payments = event.getApplicationContext().getBean(ChannelBreakers.class).breaker(ChannelId.PAYMENTS);
            seen.add("web server started: " + sms() + ", payments breaker " + payments.getState());
        }

        private String sms() {
            return "sms open=" + gate.isOpen(ChannelId.SMS) + " state=" + gate.appliedState(ChannelId.SMS);
        }
    }
}
