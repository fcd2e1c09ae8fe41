package app.cutout.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.Refusal;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The page words every refusal and the retry/result notes in both languages, with the same placeholders. */
class RefusalTextsTest {
    private static final String[] NOTES = {"error.stopped", "retry", "retry.label", "retry.smaller",
        "retry.smaller.label", "status.done.smaller", "status.done.animated"};

    @AfterEach
    void english() {
        Texts.use("en");
    }

    @Test
    void everyRefusalIsTranslated() {
        for (String code : Refusal.CODES) {
            String key = "error." + code;
            assertTrue(Texts.has(key), key);
            assertTranslated(key);
        }
        for (String key : NOTES) {
            assertTranslated(key);
        }
    }

    @Test
    void spanishOfferNamesTheSizes() {
        Texts.use("es");
        String text = Texts.t("error." + Refusal.TOO_LARGE, Refusal.args("pano.jpg", "JPEG", 12000, 10000, 10954,
                9128));
        assertTrue(text.contains("«Procesar a 10954 × 9128»") && text.contains("12000 × 10000"), text);
        assertEquals("Procesar a 10954 × 9128", Texts.t("retry.smaller", 10954, 9128));
    }

    private static void assertTranslated(String key) {
        Texts.use("en");
        String english = Texts.t(key);
        Texts.use("es");
        String spanish = Texts.t(key);
        assertNotEquals(english, spanish, key + " is not translated");
        assertEquals(placeholders(english), placeholders(spanish), key + " placeholders");
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d+}").matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
