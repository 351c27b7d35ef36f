package org.passerelle.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.support.GenericApplicationContext;

class TypedSettingsTest {

    @ConfigurationProperties("demo")
    record Outer(String name, Map<String, String> sites) {
    }

    @ConfigurationProperties("demo.inner")
    record Inner(Duration pollInterval, Nested nested) {
    }

    record Nested(int maxCount) {
    }

    private final TypedSettings settings = new TypedSettings(context());

    @Test
    void durationsAreGivenInMillisecondsFromTheOwningRecord() {
        assertThat(settings.apply("demo.inner.poll-interval")).isEqualTo("1500");
        assertThat(settings.apply("demo.inner.nested.max-count")).isEqualTo("7");
    }

    @Test
    void theLongestPrefixOwnsTheSettingWhateverTheBeanOrder() {
        assertThat(settings.apply("demo.name")).isEqualTo("outer");
        assertThat(settings.apply("demo.sites.north")).isEqualTo("N");
    }

    @Test
    void anUnknownSettingIsAnError() {
        assertThatThrownBy(() -> settings.apply("demo.inner.nope")).hasMessageContaining("No setting demo.inner.nope");
        assertThatThrownBy(() -> settings.apply("other.thing")).hasMessageContaining("No setting other.thing");
    }

    private static GenericApplicationContext context() {
        GenericApplicationContext context = new GenericApplicationContext();
        // the outer record first: a first-match lookup would wrongly read demo.inner.* from it
        context.registerBean("outer", Outer.class, () -> new Outer("outer", Map.of("north", "N")));
        context.registerBean("inner", Inner.class, () -> new Inner(Duration.ofMillis(1500), new Nested(7)));
        context.refresh();
        return context;
    }
}
