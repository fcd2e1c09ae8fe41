package app.cutout.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
    void theAddressComesFirstThenTheReadersEarlierChoiceThenTheBrowser() {
        String[] browser = {"es-ES", "en"};
        assertEquals("en", Texts.choose("en", "es", browser));
        assertEquals("es", Texts.choose(null, "es", new String[] {"en-US"}));
        assertEquals("en", Texts.choose(null, "en", browser), "a choice of English is kept too");
        assertEquals("es", Texts.choose(null, null, browser));
        assertEquals("es", Texts.choose("fr", "", browser), "unsupported and empty values are passed over");
        assertEquals("en", Texts.choose(null, null, null));
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

    @Test
    void everyProblemCodeHasASentenceInEachLanguage() throws IllegalAccessException {
        List<String> codes = new ArrayList<>();
        for (java.lang.reflect.Field field : app.cutout.core.pipeline.Problem.class.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                codes.add((String) field.get(null));
            }
        }
        assertTrue(codes.contains(app.cutout.core.pipeline.Problem.ENGINE_STALLED), codes.toString());
        for (String lang : Texts.LANGUAGES) {
            Texts.use(lang);
            for (String code : codes) {
                assertTrue(Texts.has("error." + code), lang + ": no sentence for problem " + code);
            }
        }
    }

    @Test
    void everyKeyHasBothLanguagesWithTheSamePlaceholders() {
        assertEquals(Texts.keys("en"), Texts.keys("es"));
        Pattern placeholder = Pattern.compile("\\{[0-9]+}");
        for (String key : Texts.keys("en")) {
            Texts.use("en");
            String english = Texts.t(key);
            Texts.use("es");
            String spanish = Texts.t(key);
            assertEquals(placeholders(placeholder, english), placeholders(placeholder, spanish),
                    "\"" + key + "\" has other placeholders in Spanish");
            // Names, and anything without a letter (numbers, separators, bare placeholders), may be the same in both.
            if (!english.matches("[^\\p{L}]*|WebP|GPU \\(WebGPU\\)|CPU \\(WebAssembly\\)|Editor")) {
                assertNotEquals(english, spanish, "\"" + key + "\" is not translated to Spanish");
            }
        }
    }

    /**
     * The offline and storage panel words everything through Texts: its code holds no sentence of its own (string
     * literals with a space, outside comments).
     */
    @Test
    void theOfflineAndStoragePanelHaveNoWordsOfTheirOwn() throws IOException {
        for (String file : List.of("OfflineStatus.java", "StoragePanel.java")) {
            String source = Files.readString(Path.of("src/main/java/app/cutout/web/app", file))
                    .replaceAll("(?s)/\\*.*?\\*/", "")
                    .replaceAll("//[^\n]*", "");
            Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(source);
            List<String> sentences = new ArrayList<>();
            while (m.find()) {
                String literal = m.group(1);
                // Texts keys and DOM names have no spaces; sentences do (", " joins a list). The two labels below
                // name a step for the developer (Promises.await's label), never shown in the page.
                if (literal.matches(".*[A-Za-z].*") && literal.contains(" ") && !literal.startsWith("return ")
                        && !literal.matches("Registering the offline worker|Asking for the storage use")) {
                    sentences.add(literal);
                }
                if (literal.matches("[a-z]+(\\.[A-Za-z]+)+") && !literal.endsWith(".js")) {
                    assertTrue(Texts.has(literal), file + " uses Texts key \"" + literal + "\" that Texts lacks");
                }
            }
            assertEquals(List.of(), sentences, file + " words text itself instead of through Texts");
        }
    }

    private static Set<String> placeholders(Pattern placeholder, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = placeholder.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
