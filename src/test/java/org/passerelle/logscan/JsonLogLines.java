package org.passerelle.logscan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * Log lines in Spring Boot's structured JSON format (ECS, as the cluster's collector reads them; logstash too): one
 * object a line. Each value is scanned on its own, decoded and after its key: the message, and also what plain lines hide from
 * a line-by-line scan, such as an exception's message and stack trace ({@code error.message},
 * {@code error.stack_trace}) and any MDC or key-value pair.
 */
final class JsonLogLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLogLines() {
    }

    static boolean isJsonLogLine(String line) {
        return line.startsWith("{") && line.contains("\"@timestamp\"") && parse(line) != null;
    }

    /** The first forbidden thing in any text value of the line, named with its field, or null. */
    static String finding(String line) {
        JsonNode root = parse(line);
        return root == null ? null : finding("", root);
    }

    private static String finding(String path, JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (path.isEmpty() && field.getKey().equals("@timestamp")) {
                    continue;
                }
                String found = finding(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                String found = finding(path, element);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isValueNode() && !node.isNull()) {
            // with its key, as a plain line would show it: a label such as "expiry" may be the key of an MDC entry
            String key = path.substring(path.lastIndexOf('.') + 1);
            String found = SuiteLogScanTest.finding(key + ": " + node.asText());
            if (found != null) {
                return found + " (field " + path + ")";
            }
        }
        return null;
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
