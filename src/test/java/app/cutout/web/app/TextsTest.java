package app.cutout.web.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TextsTest {
    @AfterEach
    void english() {
        Texts.use("en");
    }

    @Test
    void choosesTheFirstSupportedBrowserLanguage() {
        assertEquals("es", Texts.choose(new String[] {"es-MX", "en-US"}));
        assertEquals("en", Texts.choose(new String[] {"fr-FR", "en-GB", "es"}));
        assertEquals("es", Texts.choose(new String[] {"de", "ES"}));
        assertEquals("en", Texts.choose(new String[] {"de", "fr"}));
        assertEquals("en", Texts.choose(null));
    }

    @Test
    void fillsPlaceholdersInTheChosenLanguage() {
        Texts.use("es");
        assertEquals("2 de 3 hechas", Texts.t("status.batch", 2, 3));
        Texts.use("en");
        assertEquals("2 of 3 done", Texts.t("status.batch", 2, 3));
    }

    @Test
    void everyKeyInThePageExistsAndIsTranslated() throws IOException {
        String html = Files.readString(Path.of("src/main/webapp/index.html"));
        Matcher m = Pattern.compile("data-i18n(?:-label)?=\"([^\"]+)\"").matcher(html);
        List<String> keys = new ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertTrue(keys.size() > 40, "expected the page to mark its text, found " + keys.size() + " keys");
        for (String key : keys) {
            assertTrue(Texts.has(key), "index.html uses data-i18n key \"" + key + "\" that Texts lacks");
            Texts.use("en");
            String english = Texts.t(key);
            Texts.use("es");
            String spanish = Texts.t(key);
            if (!english.matches("[0-9%: ]*|WebP|GPU \\(WebGPU\\)|CPU \\(WebAssembly\\)|Editor")) {
                assertNotEquals(english, spanish, "\"" + key + "\" is not translated to Spanish");
            }
        }
    }
}
