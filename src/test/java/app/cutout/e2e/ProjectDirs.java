package app.cutout.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository, the built site and the test data live.
 *
 * <p>Failsafe passes {@code cutout.root} and {@code cutout.site}; when a class is run by hand (java + test classpath)
 * they fall back to the working directory, which is the repository root in the usual set-ups.
 */
public final class ProjectDirs {
    private ProjectDirs() {
    }

    public static Path root() {
        return Path.of(System.getProperty("cutout.root", System.getProperty("user.dir"))).toAbsolutePath().normalize();
    }

    public static Path site() {
        String site = System.getProperty("cutout.site");
        return site != null ? Path.of(site).toAbsolutePath().normalize() : root().resolve("target/site");
    }

    /** Git-ignored cache for sample photos and reference masks; survives builds (unlike target/). */
    public static Path testData() {
        return root().resolve(".testdata");
    }

    /** The built site, or an AssertionError saying how to build it: an IT without a site can only fail. */
    public static Path requireSite() {
        Path site = site();
        if (!Files.isRegularFile(site.resolve("index.html"))) {
            throw new AssertionError("No built site at " + site + " (index.html missing): run `mvn -B package` first");
        }
        return site;
    }
}
