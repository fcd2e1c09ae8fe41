package app.cutout.server;

import app.cutout.core.text.Texts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code boot-texts.js}: the sentences the page needs before its WebAssembly runs (when it cannot), from
 * {@link Texts}, so even those are worded in one place. A classic script that sets {@code self.cutoutBootTexts}, so
 * that it loads where modules and {@code fetch} do not (a page opened from a file: {@code boot.js}); {@code app.js}
 * reads it too. Run by the build after compiling.
 */
public final class BootTexts {
    static final String[] KEYS = {"boot.failed", "boot.type", "boot.missing", "boot.notfile", "boot.csp",
        "boot.file", "boot.slow"};

    private BootTexts() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.getParent());
        Files.writeString(out, "// Written by app.cutout.server.BootTexts from Texts at build time.\n"
                + "self.cutoutBootTexts = " + json().trim() + ";\n", StandardCharsets.UTF_8);
    }

    /** {@code {"en":{"boot.failed":"..."},"es":{...}}}. */
    static String json() {
        StringBuilder sb = new StringBuilder("{");
        String before = Texts.language();
        try {
            for (String lang : Texts.LANGUAGES) {
                Texts.use(lang);
                sb.append(sb.length() > 1 ? "," : "").append(quote(lang)).append(":{");
                for (int i = 0; i < KEYS.length; i++) {
                    sb.append(i > 0 ? "," : "").append(quote(KEYS[i])).append(':').append(quote(Texts.t(KEYS[i])));
                }
                sb.append('}');
            }
        } finally {
            Texts.use(before);
        }
        return sb.append("}\n").toString();
    }

    private static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
