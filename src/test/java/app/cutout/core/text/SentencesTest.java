package app.cutout.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sentence a person reads comes from {@link Texts}, in English and Spanish: no other shipped source (Java of
 * the page, the workers and the command line, and the site's own scripts, the service worker included) holds one.
 *
 * <p>A sentence here is a string literal that starts with a capital letter, has at least three words, and ends like
 * a sentence (. ! ? …) or runs on into a concatenation (ends with a space or an opening bracket). Labels of steps
 * for developers ("Running the model"), keys ("status.done") and code do not look like that.
 */
class SentencesTest {
    private static final Pattern JAVA_LITERAL = Pattern.compile("\"((?:[^\"\\\\\n]|\\\\.)*)\"");
    private static final Pattern JS_LITERAL = Pattern.compile("\"((?:[^\"\\\\\n]|\\\\.)*)\"|'((?:[^'\\\\\n]|\\\\.)*)'"
            + "|`((?:[^`\\\\]|\\\\.)*)`");
    private static final Path TEXTS = Path.of("src/main/java/app/cutout/core/text/Texts.java");

    @Test
    void noShippedSourceButTextsHoldsASentence() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> java;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            java = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(java.size() > 100, "found the sources: " + java.size());
        for (Path file : java) {
            if (file.equals(TEXTS)) {
                continue;
            }
            scan(file, withoutComments(Files.readString(file)), JAVA_LITERAL, found);
        }
        List<Path> scripts;
        try (Stream<Path> files = Files.list(Path.of("src/main/webapp"))) {
            scripts = files.filter(p -> p.toString().endsWith(".js")).sorted().toList();
        }
        assertTrue(scripts.stream().anyMatch(p -> p.endsWith("sw.js")), "the service worker is scanned");
        for (Path file : scripts) {
            scan(file, withoutComments(Files.readString(file)), JS_LITERAL, found);
        }
        assertEquals(List.of(), found, "sentences outside Texts");
    }

    @Test
    void theRuleFindsSentencesAndLeavesLabelsAlone() {
        List<String> found = new ArrayList<>();
        String source = "a(\"The model could not be loaded.\"); b(\"Running the model\"); c(\"status.done\");"
                + " d(\"The download stopped at \" + n); e(\"Use the CPU (\" + t);";
        scan(Path.of("Example.java"), source, JAVA_LITERAL, found);
        assertEquals(List.of("Example.java: The model could not be loaded.", "Example.java: The download stopped at ",
                "Example.java: Use the CPU ("), found);
    }

    private static void scan(Path file, String source, Pattern literal, List<String> found) {
        Matcher m = literal.matcher(source);
        while (m.find()) {
            String text = m.group(1) != null ? m.group(1) : m.groupCount() > 1 && m.group(2) != null ? m.group(2)
                    : m.groupCount() > 2 && m.group(3) != null ? m.group(3) : "";
            if (isSentence(text)) {
                found.add(file.getFileName() + ": " + text);
            }
        }
    }

    static boolean isSentence(String text) {
        String trimmed = text.trim();
        return trimmed.matches("[A-Z“«¿¡].*") && trimmed.split(" +").length >= 3
                && (trimmed.matches(".*[.!?…:]") || text.endsWith(" ") || text.endsWith("("));
    }

    /**
     * Comments, and the messages of exceptions that report a broken contract to the developer (a negative size, a
     * malformed argument): those never reach a person except as the technical detail inside a worded sentence.
     */
    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//[^\n]*", "")
                .replaceAll("(?m)\\s//\\s[^\n\"]*$", "")
                .replaceAll("(?s)new (IllegalArgument|IllegalState|IndexOutOfBounds|Arithmetic)Exception\\(.*?\\);",
                        "");
    }
}
