package app.cutout.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real sample photos for the tests, taken from Debian packages (the only image source this environment reaches) and
 * kept in {@code <repo>/.testdata/}, which is git-ignored and outlives {@code target/}.
 *
 * <p>Each photo is fetched once with {@code apt-get download} + {@code dpkg -x} (no installation, no root needed
 * unless the package lists must be refreshed). Copies land under a temporary name and are moved into place, so a
 * half-written file is never seen; the methods are synchronized so parallel tests share one download.
 */
public final class TestImages {
    private static final String SKIMAGE = "python3-skimage";
    private static final String SKIMAGE_DATA = "usr/lib/python3/dist-packages/skimage/data/";
    private static final String OPENCV = "opencv-doc";
    private static final String OPENCV_EXAMPLES = "usr/share/doc/opencv-doc/examples/";

    /** File name in .testdata → (Debian package, path inside the package). */
    private static final Map<String, String[]> SOURCES = Map.of(
            "astronaut.png", new String[] {SKIMAGE, SKIMAGE_DATA + "astronaut.png"},
            "chelsea.png", new String[] {SKIMAGE, SKIMAGE_DATA + "chelsea.png"},
            "coffee.png", new String[] {SKIMAGE, SKIMAGE_DATA + "coffee.png"},
            "messi5.jpg", new String[] {OPENCV, OPENCV_EXAMPLES + "data/messi5.jpg"},
            "squirrel_cls.jpg", new String[] {OPENCV, OPENCV_EXAMPLES + "data/squirrel_cls.jpg"},
            "plant.jpg", new String[] {OPENCV, OPENCV_EXAMPLES + "alphamat/input_images/plant.jpg"},
            // The package ships no hand-made ground truth; this is the alpha matte OpenCV's alphamat sample
            // produces for plant.jpg (with trimaps/plant.png), published as the expected output.
            "plant_matte.png", new String[] {OPENCV, OPENCV_EXAMPLES + "alphamat/output_mattes/plant_result.png"});

    private TestImages() {
    }

    /** skimage's astronaut (Eileen Collins), 512×512 RGB PNG: a clear single subject. */
    public static Path astronaut() {
        return photo("astronaut.png");
    }

    /** skimage's cat, 451×300 RGB PNG. */
    public static Path chelsea() {
        return photo("chelsea.png");
    }

    /** skimage's coffee cup, 600×400 RGB PNG. */
    public static Path coffee() {
        return photo("coffee.png");
    }

    public static Path messi() {
        return photo("messi5.jpg");
    }

    public static Path squirrel() {
        return photo("squirrel_cls.jpg");
    }

    public static Path plant() {
        return photo("plant.jpg");
    }

    /** The 8-bit gray alpha matte OpenCV publishes for {@link #plant()}. */
    public static Path plantMatte() {
        return photo("plant_matte.png");
    }

    /** A text file with an image's name: the app must reject it by content, not by extension. */
    public static synchronized Path notesPng() {
        return generated("notes.png", "Shopping list:\n- milk\n- bread\n".getBytes(StandardCharsets.UTF_8));
    }

    /** A zero-byte "photo". */
    public static synchronized Path emptyJpg() {
        return generated("empty.jpg", new byte[0]);
    }

    /** Returns the named photo, fetching its Debian package's files first if any are missing. */
    public static synchronized Path photo(String name) {
        String[] source = SOURCES.get(name);
        if (source == null) {
            throw new IllegalArgumentException("Unknown test photo " + name + "; known: " + SOURCES.keySet());
        }
        Path target = ProjectDirs.testData().resolve(name);
        if (!Files.isRegularFile(target)) {
            fetchPackage(source[0]);
        }
        return target;
    }

    private static Path generated(String name, byte[] content) {
        Path file = ProjectDirs.testData().resolve("generated").resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), name, ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Downloads one package, unpacks it in a temp dir and copies out every file this class wants from it. */
    private static void fetchPackage(String pkg) {
        Path work = null;
        try {
            Files.createDirectories(ProjectDirs.testData());
            work = Files.createTempDirectory("cutout-testdata-");
            // apt's download sandbox user must be able to write here, or apt warns and falls back to root.
            work.toFile().setWritable(true, false);
            Path deb = download(pkg, work);
            Path unpacked = work.resolve("root");
            run(work, List.of("dpkg", "-x", deb.toString(), unpacked.toString()),
                    "unpack " + deb.getFileName());
            for (Map.Entry<String, String[]> e : SOURCES.entrySet()) {
                if (!e.getValue()[0].equals(pkg)) {
                    continue;
                }
                Path from = unpacked.resolve(e.getValue()[1]);
                if (!Files.isRegularFile(from)) {
                    throw new IllegalStateException("Debian package " + pkg + " no longer contains /"
                            + e.getValue()[1] + "; update TestImages");
                }
                Path to = ProjectDirs.testData().resolve(e.getKey());
                Path tmp = Files.createTempFile(ProjectDirs.testData(), e.getKey(), ".tmp");
                Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot fetch test photos from Debian package " + pkg, e);
        } finally {
            FileTrees.delete(work);
        }
    }

    private static Path download(String pkg, Path dir) throws IOException {
        List<String> command = List.of("apt-get", "download", pkg);
        if (!runQuietly(dir, command)) {
            // A fresh machine often has no package lists yet; refresh once and retry.
            run(dir, List.of("apt-get", "update"), "refresh the package lists (needs root)");
            run(dir, command, "download " + pkg);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(pkg + "_")
                            && p.getFileName().toString().endsWith(".deb"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("apt-get download " + pkg + " left no .deb"));
        }
    }

    private static boolean runQuietly(Path dir, List<String> command) throws IOException {
        return exec(dir, command).exitCode == 0;
    }

    private static void run(Path dir, List<String> command, String what) throws IOException {
        Result result = exec(dir, command);
        if (result.exitCode != 0) {
            throw new IllegalStateException("Could not " + what + " for the test photos: `"
                    + String.join(" ", command) + "` exited " + result.exitCode + ":\n" + result.output);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result exec(Path dir, List<String> command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("The test photos come from Debian packages, but `" + command.get(0)
                    + "` cannot be run here (" + e.getMessage() + "). Run on Debian/Ubuntu with apt, or put "
                    + SOURCES.keySet() + " into " + ProjectDirs.testData() + " by hand.", e);
        }
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(-1, output + "\n(timed out)");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command, e);
        }
    }
}
