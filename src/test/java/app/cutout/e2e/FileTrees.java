package app.cutout.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes temporary directory trees (browser profiles, unpacked packages). */
final class FileTrees {
    private FileTrees() {
    }

    /** Best effort: a leftover temp dir is harmless and must never hide a test's own outcome. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // See above: nothing to do.
        }
    }
}
