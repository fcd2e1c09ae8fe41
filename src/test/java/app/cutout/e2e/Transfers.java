package app.cutout.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** Files handed to a page as a drag-and-drop or a paste hands them: a {@code DataTransfer} built in the page. */
final class Transfers {
    /** Page script that builds {@code transfer}, a DataTransfer holding arguments[0]'s files ({@link #file}). */
    static final String SCRIPT = """
            const transfer = new DataTransfer();
            for (const f of arguments[0]) {
              const binary = atob(f.base64);
              const bytes = new Uint8Array(binary.length);
              for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
              transfer.items.add(new File([bytes], f.name, {type: f.type}));
            }
            """;

    private Transfers() {
    }

    /** One file for {@link #SCRIPT}: its name, {@code type} and bytes. */
    static Map<String, String> file(Path path, String type) throws IOException {
        return Map.of("name", path.getFileName().toString(), "type", type,
                "base64", Base64.getEncoder().encodeToString(Files.readAllBytes(path)));
    }
}
