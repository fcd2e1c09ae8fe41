package app.cutout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.edit.Confidence;
import app.cutout.core.image.Refusal;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.model.Backend;
import app.cutout.core.model.ModelSpec;
import app.cutout.core.model.Plan;
import app.cutout.core.ops.MaskUpsampler;
import app.cutout.core.ops.Preprocessor;
import app.cutout.core.pipeline.InferenceEngine;
import app.cutout.core.pipeline.Problem;
import app.cutout.core.text.CheckText;
import app.cutout.core.text.Texts;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cutout remove} end to end on the JVM, with the real model: a folder with real photos and a broken file, a
 * sideways JPEG, {@code --refine 0} against the model's own mask; and, without the model, the mistakes and checks
 * that need none.
 */
class RemoveCommandTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void sentences() {
        Texts.Cli.load();
        Texts.use("en");
    }

    /** What one run of the command left. */
    private record Run(int status, String err) {
        List<String> lines() {
            return Arrays.asList(err.split("\n"));
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = RemoveCommand.run(args, err);
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        return new Run(status, text);
    }

    private static void assertCheckLine(String next, Path cutout) throws IOException {
        BufferedImage image = ImageIO.read(cutout.toFile());
        byte[] alpha = new byte[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                alpha[y * image.getWidth() + x] = (byte) (image.getRGB(x, y) >>> 24);
            }
        }
        Confidence.Report report = Confidence.measure(alpha, image.getWidth(), image.getHeight());
        if (report.needsCheck()) {
            assertEquals("    " + CheckText.of(report.reasons()), next, cutout + " scores " + report.score);
        } else {
            assertFalse(next.contains(Texts.t("check", "").trim().replace(".", "")), cutout + " scores "
                    + report.score + ": no check line, got " + next);
        }
    }

    private static String lineAfter(List<String> lines, String prefix) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return lines.get(i + 1);
            }
        }
        return "";
    }

    @Test
    void aFolderIsProcessedInNameOrderAndABrokenFileIsNamedWhileTheOthersAreWritten() throws IOException {
        SamplePhotos.model();
        Path in = Files.createDirectories(dir.resolve("photos"));
        Path png = Files.copy(SamplePhotos.png(), in.resolve("astronaut.png"));
        // Upper case: extensions are matched whatever their case.
        Path jpeg = Files.copy(SamplePhotos.jpeg(dir), in.resolve("MESSI5.JPG"));
        byte[] whole = Files.readAllBytes(jpeg);
        Files.write(in.resolve("broken.jpg"), Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(in.resolve("notes.txt"), "not a photo");

        Run run = run("--threads", "2", in.toString());

        assertEquals(RemoveCommand.SOME_FAILED, run.status(), "a broken file makes the exit status non-zero");
        List<String> lines = run.lines();
        // Name order (upper case sorts first), one line per photo.
        assertLine(lines, "[1/3] MESSI5.JPG: wrote " + in.resolve("MESSI5-cutout.png"));
        assertLine(lines, "[2/3] astronaut.png: wrote " + in.resolve("astronaut-cutout.png"));
        String refusal = Texts.t("cli.error." + Refusal.INCOMPLETE,
                Refusal.args("broken.jpg", "JPEG", 0, 0, 0, 0));
        assertTrue(refusal.contains("“broken.jpg” is incomplete"), refusal);
        assertLine(lines, "[3/3] " + refusal);
        assertLine(lines, "2 of 3 photos done in ");

        assertCutout(in.resolve("astronaut-cutout.png"), png);
        assertCutout(in.resolve("MESSI5-cutout.png"), jpeg);
        // A doubtful result gets the queue's sentence under its line, from the score of the alpha it wrote.
        assertCheckLine(lineAfter(lines, "[1/3]"), in.resolve("MESSI5-cutout.png"));
        assertCheckLine(lineAfter(lines, "[2/3]"), in.resolve("astronaut-cutout.png"));
        assertFalse(Files.exists(in.resolve("broken-cutout.png")));
        try (Stream<Path> files = Files.list(in)) {
            assertEquals(List.of("MESSI5-cutout.png", "MESSI5.JPG", "astronaut-cutout.png", "astronaut.png",
                    "broken.jpg", "notes.txt"), files.map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.toList()), "no temporary files are left");
        }
    }

    /**
     * A JPEG stored a quarter turn to the left with EXIF orientation 6 (a viewer turns it right) comes out upright;
     * with {@code --refine 0} its pixels are exactly the decoded photo's, and its alpha exactly what
     * {@link MaskUpsampler} makes of the model's mask for the upright photo.
     */
    @Test
    void aSidewaysJpegComesOutUprightAndRefineZeroIsTheStretchedMaskBitForBit() throws IOException {
        SamplePhotos.model();
        BufferedImage upright = ImageIO.read(SamplePhotos.otherPng().toFile());
        int w = upright.getWidth();
        int h = upright.getHeight();
        BufferedImage stored = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < h; x++) {
                stored.setRGB(x, y, upright.getRGB(w - 1 - y, x));
            }
        }
        Path file = dir.resolve("sideways.jpg");
        Files.write(file, SamplePhotos.withOrientation(SamplePhotos.jpeg(stored, 0.95f), 6));
        Path out = dir.resolve("out");

        Run run = run("--refine", "0", "--threads", "2", "--out", out.toString(), file.toString());

        assertEquals(RemoveCommand.OK, run.status(), run.err());
        BufferedImage cutout = ImageIO.read(out.resolve("sideways-cutout.png").toFile());
        assertEquals(w + "x" + h, cutout.getWidth() + "x" + cutout.getHeight(), "the shown size, not the stored one");
        double straight = meanDifference(cutout, upright, false);
        double upsideDown = meanDifference(cutout, upright, true);
        System.out.printf("EXIF 6: mean difference from the upright photo %.2f, from it upside down %.2f%n",
                straight, upsideDown);
        assertTrue(straight < 6, "the colours are the upright photo's (JPEG loss only): " + straight);
        assertTrue(upsideDown > 5 * straight, "upside down differs far more: " + upsideDown);

        // The same photo through the same steps by hand: decode, model input, the model, the stretched mask.
        RgbaImage photo = ImageIoDecoder.decodeFile(file);
        float[] input = new float[3 * ModelSpec.SIZE * ModelSpec.SIZE];
        int maskWidth = ModelSpec.SIZE;
        int maskHeight = ModelSpec.SIZE;
        Preprocessor.toModelInput(photo, input);
        byte[] weights = new ModelFiles(SamplePhotos.model().getParent()).load(ModelSpec.QUINT8, (s, d, t) -> { });
        float[] mask = RemoveCommand.onLargeStack(() -> {
            InferenceEngine engine = new OrtEngines().start(new Plan(Backend.WASM, ModelSpec.QUINT8, 2), weights);
            try {
                return engine.run(input, maskWidth, maskHeight).clone();
            } finally {
                engine.release();
            }
        });
        int[] expected = photo.pixels.clone();
        MaskUpsampler.applyAlpha(mask, maskWidth, maskHeight, expected, photo.width, photo.height);
        int[] argb = cutout.getRGB(0, 0, w, h, null, 0, w);
        int[] actual = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            actual[i] = RgbaImage.pack((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF, p >>> 24);
        }
        long soft = Arrays.stream(actual).filter(p -> RgbaImage.alpha(p) > 0 && RgbaImage.alpha(p) < 255).count();
        assertTrue(soft > 100, "test set-up: the mask has soft edges (" + soft + " pixels)");
        assertArrayEquals(expected, actual, "--refine 0: the photo's pixels with the stretched mask as alpha");
    }

    @Test
    void thePresetShadowAndOutlineAreTheBrowsersLayout() throws IOException {
        SamplePhotos.model();
        Path photo = Files.copy(SamplePhotos.png(), dir.resolve("astronaut.png"));
        Run run = run("--threads", "2", "--preset", "marketplace", "--shadow", "contact", "--outline", "6",
                photo.toString());
        assertEquals(RemoveCommand.OK, run.status(), run.err());
        Path written = dir.resolve("astronaut.marketplace-cutout.png");
        BufferedImage out = ImageIO.read(written.toFile());
        // The marketplace canvas: 2000 x 2000 on white, the subject (its outline and shadow aside) filling 85 % of
        // the longer side, as Layout places it for the editor's export.
        assertEquals(2000, out.getWidth());
        assertEquals(2000, out.getHeight());
        for (int[] corner : new int[][] {{0, 0}, {1999, 0}, {0, 1999}, {1999, 1999}}) {
            assertEquals(0xFFFFFFFF, out.getRGB(corner[0], corner[1]), "corner " + corner[0] + "," + corner[1]);
        }
        int white = 0;
        int outline = 0;
        for (int y = 0; y < 2000; y += 4) {
            for (int x = 0; x < 2000; x += 4) {
                int rgb = out.getRGB(x, y);
                white += rgb == 0xFFFFFFFF ? 1 : 0;
                outline += (rgb >>> 24) == 255 && rgb != 0xFFFFFFFF ? 1 : 0;
            }
        }
        assertTrue(white > 0 && outline > 0, "a subject on white: " + white + " white, " + outline + " other");
        // And nothing the folder walk would take for a photo.
        assertFalse(RemoveCommand.isPhotoName(written.getFileName().toString()));

        Run bad = run("--preset", "poster", "a.jpg");
        assertEquals(RemoveCommand.USAGE, bad.status());
        assertTrue(bad.err().startsWith("--preset takes original, marketplace, social-square, social-portrait or "
                + "banner, not “poster”."), bad.err());
        assertEquals(RemoveCommand.USAGE, run("--shadow", "soft", "a.jpg").status());
        assertEquals(RemoveCommand.USAGE, run("--outline", "-1", "a.jpg").status());
    }

    @Test
    void aDamagedOrMissingModelStopsWithItsOwnStatusBeforeAnyFileIsWritten() throws IOException {
        Path photo = dir.resolve("small.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        Path models = Files.createDirectories(dir.resolve("models"));
        Files.write(models.resolve("isnet-quint8.onnx"), new byte[] {1, 2, 3});

        Run corrupt = run("--models", models.toString(), photo.toString());
        assertEquals(RemoveCommand.NO_MODEL, corrupt.status());
        assertTrue(corrupt.err().contains("The 8-bit model at " + models.resolve("isnet-quint8.onnx")
                + " is damaged (sha256 039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81, expected "
                + ModelSpec.QUINT8.sha256 + ")"), corrupt.err());

        Path nowhere = dir.resolve("nowhere");
        Run missing = run("--models", nowhere.toString(), photo.toString());
        assertEquals(RemoveCommand.NO_MODEL, missing.status());
        assertTrue(missing.err().contains(Texts.problem(Problem.MODEL_MISSING,
                new Object[] {"quint8", nowhere.resolve("isnet-quint8.onnx")})), missing.err());
        assertFalse(Files.exists(dir.resolve("small-cutout.png")));
    }

    @Test
    void mistakesInTheCommandExitWithTwoAndHelpWithZero() {
        Run none = run();
        assertEquals(RemoveCommand.USAGE, none.status());
        assertTrue(none.err().startsWith(Texts.t("cli.noInputs")), none.err());

        Run refine = run("--refine", "101", "a.jpg");
        assertEquals(RemoveCommand.USAGE, refine.status());
        assertTrue(refine.err().startsWith("--refine takes a whole number from 0 to 100, not “101”."),
                refine.err());
        assertEquals(RemoveCommand.USAGE, run("--threads=0", "a.jpg").status());
        assertEquals(RemoveCommand.USAGE, run("--model", "fp32", "a.jpg").status());
        assertEquals(RemoveCommand.USAGE, run("--out").status());
        Run unknown = run("--colour", "red", "a.jpg");
        assertEquals(RemoveCommand.USAGE, unknown.status());
        assertTrue(unknown.err().startsWith("Unknown option --colour."), unknown.err());

        Run help = run("--help");
        assertEquals(RemoveCommand.OK, help.status());
        assertTrue(help.err().startsWith("Usage: ./cutout remove [options] IMAGE_OR_FOLDER..."), help.err());
    }

    @Test
    void aMissingInputOrAFolderWithoutPhotosIsNamed() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path missing = dir.resolve("missing.jpg");
        Run run = run(missing.toString(), empty.toString());
        assertEquals(RemoveCommand.SOME_FAILED, run.status());
        assertLine(run.lines(), "“" + missing + "” does not exist.");
        assertLine(run.lines(), "“" + empty + "” holds no JPEG or PNG photos.");
    }

    @Test
    void foldersAreWalkedForPhotosInNameOrderLeavingOutResultsAndHiddenFiles() throws IOException {
        for (String name : List.of("b.jpeg", "a.JPG", "c.png", "c-cutout.png", "d.gif", "e.txt", ".hidden.png",
                "sub/f.PNG", ".git/g.png")) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[] {1});
        }
        List<Path> found = RemoveCommand.photosIn(dir);
        assertEquals(List.of("a.JPG", "b.jpeg", "c.png", "sub/f.PNG"),
                found.stream().map(p -> dir.relativize(p).toString()).collect(Collectors.toList()));

        Path out = dir.resolve("out");
        assertEquals(dir.resolve("a-cutout.png"), RemoveCommand.outputFor(dir.resolve("a.JPG"), dir, null));
        assertEquals(dir.resolve("sub/f-cutout.png"), RemoveCommand.outputFor(dir.resolve("sub/f.PNG"), dir, null));
        assertEquals(out.resolve("a-cutout.png"), RemoveCommand.outputFor(dir.resolve("a.JPG"), dir, out));
        assertEquals(out.resolve("sub/f-cutout.png"), RemoveCommand.outputFor(dir.resolve("sub/f.PNG"), dir, out));
        assertEquals(out.resolve("f-cutout.png"), RemoveCommand.outputFor(dir.resolve("sub/f.PNG"), null, out));
        assertEquals(Path.of("holiday photo-cutout.png"), RemoveCommand.outputFor(Path.of("holiday photo.JPG"),
                null, null));
    }

    private static void assertLine(List<String> lines, String start) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(start)), "no line starting with \"" + start + "\" in "
                + lines);
    }

    /** A real cutout of the photo: its size, an alpha channel, both background and subject, the photo's colours. */
    private static void assertCutout(Path cutoutFile, Path photoFile) throws IOException {
        BufferedImage cutout = ImageIO.read(cutoutFile.toFile());
        BufferedImage photo = ImageIO.read(photoFile.toFile());
        assertEquals(photo.getWidth() + "x" + photo.getHeight(), cutout.getWidth() + "x" + cutout.getHeight());
        assertTrue(cutout.getColorModel().hasAlpha(), cutoutFile + " has no alpha channel");
        int w = cutout.getWidth();
        int h = cutout.getHeight();
        int[] c = cutout.getRGB(0, 0, w, h, null, 0, w);
        int[] p = photo.getRGB(0, 0, w, h, null, 0, w);
        long clear = 0;
        long opaque = 0;
        long sum = 0;
        for (int i = 0; i < c.length; i++) {
            int a = c[i] >>> 24;
            if (a == 0) {
                clear++;
            } else if (a == 255) {
                opaque++;
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((c[i] >> shift) & 0xFF) - ((p[i] >> shift) & 0xFF));
                }
            }
        }
        double mean = (double) sum / (3 * Math.max(1, opaque));
        System.out.printf("%s: %.1f%% transparent, %.1f%% opaque, opaque colours off the photo's by %.2f%n",
                cutoutFile.getFileName(), 100.0 * clear / c.length, 100.0 * opaque / c.length, mean);
        assertTrue(clear > c.length / 20 && opaque > c.length / 20, "a cutout has background and subject: "
                + clear + " transparent, " + opaque + " opaque of " + c.length);
        assertTrue(mean < 3, "opaque pixels keep the photo's colours: mean difference " + mean);
    }

    /** Mean absolute RGB difference over pixels with some alpha, against the upright photo or it turned 180°. */
    private static double meanDifference(BufferedImage cutout, BufferedImage photo, boolean upsideDown) {
        int w = cutout.getWidth();
        int h = cutout.getHeight();
        long sum = 0;
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = cutout.getRGB(x, y);
                if ((c >>> 24) == 0) {
                    continue;
                }
                int p = upsideDown ? photo.getRGB(w - 1 - x, h - 1 - y) : photo.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((c >> shift) & 0xFF) - ((p >> shift) & 0xFF));
                }
                n += 3;
            }
        }
        assertTrue(n > 3000, "the cutout has only " + n / 3 + " visible pixels");
        return (double) sum / n;
    }
}
