package org.passerelle.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every value of values.yaml is in the chart README's values table, and the table names no value that is gone. */
class ChartDocumentationTest {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([A-Za-z][\\w.-]*)` \\|");

    @Test
    void everyValueIsInTheReadmeTable() throws IOException {
        Set<String> documented = documented();
        List<String> undocumented = new ArrayList<>();
        collect("", Chart.read(Chart.DIRECTORY.resolve("values.yaml")), documented, undocumented);

        assertThat(undocumented).as("values missing from helm/passerelle/README.md's table").isEmpty();
    }

    @Test
    void theReadmeTableNamesOnlyValuesThatExist() throws IOException {
        JsonNode values = Chart.read(Chart.DIRECTORY.resolve("values.yaml"));

        assertThat(documented()).allSatisfy(path ->
                assertThat(values.at("/" + path.replace('.', '/')).isMissingNode()).as("README row `%s`", path).isFalse());
    }

    private static Set<String> documented() throws IOException {
        Matcher rows = ROW.matcher(Files.readString(Chart.DIRECTORY.resolve("README.md")));
        return rows.results().map(m -> m.group(1)).collect(Collectors.toSet());
    }

    /** A map is documented as a whole by its own row, or else value by value. */
    private static void collect(String prefix, JsonNode node, Set<String> documented, List<String> undocumented) {
        node.fields().forEachRemaining(field -> {
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (documented.contains(path)) {
                return;
            }
            if (field.getValue().isObject() && !field.getValue().isEmpty()) {
                collect(path, field.getValue(), documented, undocumented);
            } else {
                undocumented.add(path);
            }
        });
    }
}
