package app.cutout.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command line's sentences ({@link Texts.Cli}): both languages, the same placeholders, really translated. */
class TextsCliTest {
    @AfterEach
    void english() {
        Texts.use("en");
    }

    @Test
    void everyCommandLineKeyHasBothLanguagesWithTheSamePlaceholders() {
        Texts.Cli.load();
        Texts.Cli.load();
        assertEquals(Texts.keys("en"), Texts.keys("es"));
        List<String> keys = new ArrayList<>();
        for (String key : Texts.keys("en")) {
            if (key.startsWith("cli.")) {
                keys.add(key);
            }
        }
        assertTrue(keys.size() > 20, "the command line's sentences are loaded: " + keys);
        Pattern placeholder = Pattern.compile("\\{[0-9]+}");
        for (String key : keys) {
            Texts.use("en");
            String english = Texts.t(key);
            Texts.use("es");
            String spanish = Texts.t(key);
            assertEquals(placeholders(placeholder, english), placeholders(placeholder, spanish),
                    "\"" + key + "\" has other placeholders in Spanish");
            assertNotEquals(english, spanish, "\"" + key + "\" is not translated to Spanish");
        }
    }

    private static List<String> placeholders(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        found.sort(null);
        return found;
    }
}
