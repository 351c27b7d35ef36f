package org.passerelle.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.passerelle.observability.PromQl.LabelMatcher;
import org.passerelle.observability.PromQl.Selector;

class PromQlTest {

    private static List<String> names(String expr) {
        return PromQl.selectors(expr).stream().map(Selector::metric).toList();
    }

    @Test
    void functionsAggregationsGroupingListsAndKeywordsAreNotMetrics() {
        assertThat(names("sum by (namespace, channel) (rate(a_total[5m])) / ignoring(channel) group_left max(b) "
                + "and on (instance) c unless bool d offset 5m or absent(e) > 0.5"))
                .containsExactly("a_total", "b", "c", "d", "e");
        assertThat(names("sum(x) without (le) * 1e-3 + topk(5, y) - histogram_quantile(0.99, sum by (le) (rate(z_bucket[1h:5m])))"))
                .containsExactly("x", "y", "z_bucket");
        assertThat(names("label_replace(m, \"dst\", \"$1\", \"src\", \"(.*)\")")).containsExactly("m");
    }

    @Test
    void matchersAreReadWithTheirOperatorAndValue() {
        Selector s = PromQl.selectors("rate(r_total{status=~\"a|b\", name=\"sms\", uri!~\"/actuator.*\", x!='y'}[$__rate_interval])").get(0);
        assertThat(s.matchers()).containsExactly(new LabelMatcher("status", "=~", "a|b"), new LabelMatcher("name", "=", "sms"),
                new LabelMatcher("uri", "!~", "/actuator.*"), new LabelMatcher("x", "!=", "y"));
        assertThat(s.matchers().get(0).literalValues()).containsExactly("a", "b");
        assertThat(s.matchers().get(2).literalValues()).isEmpty();
        assertThat(PromQl.selectors("{__name__=\"n\", job=\"j\"}")).containsExactly(
                new Selector("n", List.of(new LabelMatcher("job", "=", "j"))));
    }

    @Test
    void grafanaVariablesAreNeitherMetricsNorLiteralValues() {
        List<Selector> found = PromQl.selectors("max(m{namespace=~\"$namespace\", instance=~\"${instance}\"}) * $factor");
        assertThat(found).extracting(Selector::metric).containsExactly("m");
        assertThat(found.get(0).matchers()).allMatch(LabelMatcher::usesVariable);
        assertThat(PromQl.labelValuesQuery("label_values(m{a=\"b\"}, instance)")).containsExactly("m{a=\"b\"}", "instance");
    }

    @Test
    void aMisspelledFunctionOrAnUnreadableQueryIsAnError() {
        assertThatThrownBy(() -> PromQl.selectors("rates(x[5m])")).hasMessageContaining("unknown function rates");
        assertThatThrownBy(() -> PromQl.selectors("x{a=\"b\"")).isInstanceOf(IllegalArgumentException.class);
    }
}
