package org.passerelle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The screens' bundle: every text exists in French and in English, and every apostrophe is written as MessageFormat
 * wants it ('' : the bundle always goes through MessageFormat), so none vanishes from a screen.
 */
class ScreenMessagesTest {

    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    @Test
    void frenchAndEnglishHaveTheSameKeys() throws IOException {
        assertThat(new TreeSet<>(load("messages.properties").stringPropertyNames()))
                .isEqualTo(new TreeSet<>(load("messages_en.properties").stringPropertyNames()));
    }

    @Test
    void noTextHasALoneApostrophe() throws IOException {
        for (String bundle : new String[] {"messages.properties", "messages_en.properties"}) {
            Properties texts = load(bundle);
            for (String key : texts.stringPropertyNames()) {
                assertThat(LONE_APOSTROPHE.matcher(texts.getProperty(key)).find())
                        .as("%s: %s has a lone apostrophe (write '')", bundle, key).isFalse();
            }
        }
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ScreenMessagesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
