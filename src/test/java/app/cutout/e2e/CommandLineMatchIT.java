package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.cli.RemoveCommand;
import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The command line and the browser give the same cutout (issue 14): the same photos, a PNG and a JPEG, through the
 * real page (ONNX Runtime Web on the CPU, WebAssembly, 8-bit model, default edge refinement) and through
 * {@code ./cutout remove} in-process (ONNX Runtime for Java, same model and settings). Their alpha must agree within a
 * mean absolute difference of 1 level and an IoU of the foregrounds (alpha ≥ 128) of at least 0.995.
 *
 * <p>Also printed, for what the two hosts decode: the colour difference over pixels opaque in both (edge refinement
 * leaves those at the photo's colours, so it is the difference between the browser's decoder and javax.imageio's).
 */
class CommandLineMatchIT {
    private static final Duration RUN = Duration.ofMinutes(10);
    private static final double MAX_MEAN = 1.0;
    private static final double MIN_IOU = 0.995;

    @Test
    void theCommandLineCutoutMatchesTheBrowsers() throws Exception {
        Path site = ProjectDirs.requireSite();
        List<Path> photos = List.of(TestImages.astronaut(), TestImages.messi());
        Path out = ProjectDirs.root().resolve("target/e2e/command-line");
        Files.createDirectories(out);

        // The command first, so it and the browser never compete for the cores. Two threads, as the page gets here.
        int threads = Math.min(8, Runtime.getRuntime().availableProcessors());
        List<String> args = new ArrayList<>(List.of("--out", out.toString(), "--threads", Integer.toString(threads)));
        photos.forEach(p -> args.add(p.toString()));
        assertEquals(RemoveCommand.OK, RemoveCommand.run(args.toArray(new String[0]), System.out));

        List<BufferedImage> browserCutouts = new ArrayList<>();
        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, true);
                Browser browser = Browser.start()) {
            try {
                CutoutPage page = new CutoutPage(browser);
                page.open(server.url() + "?backend=wasm&model=quint8&lang=en");
                for (Path photo : photos) {
                    assertEquals("done", page.process(photo, RUN), photo.getFileName() + ": " + page.message());
                    assertEquals("wasm", page.backendInfo("backend"));
                    assertEquals("quint8", page.backendInfo("model"));
                    browserCutouts.add(page.result());
                }
                System.out.println("browser threads: " + page.backendInfo("threads") + "; command line threads: "
                        + threads);
                assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: "
                        + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                throw e;
            }
        }

        List<String> misses = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            Path photo = photos.get(i);
            BufferedImage web = browserCutouts.get(i);
            BufferedImage jvm = cutout(out, photo);
            Artifacts.save("CommandLineMatchIT-browser-" + photo.getFileName() + ".png", web);
            CutoutAssertions.assertSameSize(web, jvm);
            Figures f = compare(web, jvm);
            System.out.printf("%s (%d x %d): alpha mean |diff| %.6f levels, max %d, differs at %d pixels, %d of them "
                    + "by more than 8; IoU(alpha >= 128) %.6f; colour mean |diff| over pixels opaque in both %.4f "
                    + "(max %d)%n", photo.getFileName(), web.getWidth(), web.getHeight(), f.meanAlpha, f.maxAlpha,
                    f.differing, f.offBy8, f.iou, f.meanColour, f.maxColour);
            if (f.meanAlpha > MAX_MEAN || f.iou < MIN_IOU) {
                misses.add(photo.getFileName() + ": mean " + f.meanAlpha + ", IoU " + f.iou);
            }
        }
        assertTrue(misses.isEmpty(), "the command line's alpha must match the browser's (mean |diff| <= " + MAX_MEAN
                + ", IoU >= " + MIN_IOU + "): " + misses);
    }

    private static BufferedImage cutout(Path out, Path photo) throws IOException {
        String name = photo.getFileName().toString();
        Path file = out.resolve(name.substring(0, name.lastIndexOf('.')) + "-cutout.png");
        return Masks.toArgb(ImageIO.read(file.toFile()));
    }

    private record Figures(double meanAlpha, int maxAlpha, long differing, long offBy8, double iou,
            double meanColour, int maxColour) {
    }

    private static Figures compare(BufferedImage web, BufferedImage jvm) {
        byte[] a = Masks.alpha(web);
        byte[] b = Masks.alpha(jvm);
        long sum = 0;
        int max = 0;
        long differing = 0;
        long offBy8 = 0;
        for (int i = 0; i < a.length; i++) {
            int d = Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
            sum += d;
            max = Math.max(max, d);
            differing += d > 0 ? 1 : 0;
            offBy8 += d > 8 ? 1 : 0;
        }
        int w = web.getWidth();
        int[] pw = web.getRGB(0, 0, w, web.getHeight(), null, 0, w);
        int[] pj = jvm.getRGB(0, 0, w, web.getHeight(), null, 0, w);
        long colourSum = 0;
        long colourN = 0;
        int colourMax = 0;
        for (int i = 0; i < pw.length; i++) {
            if ((pw[i] >>> 24) != 255 || (pj[i] >>> 24) != 255) {
                continue;
            }
            for (int shift = 0; shift <= 16; shift += 8) {
                int d = Math.abs(((pw[i] >> shift) & 0xFF) - ((pj[i] >> shift) & 0xFF));
                colourSum += d;
                colourMax = Math.max(colourMax, d);
                colourN++;
            }
        }
        return new Figures((double) sum / a.length, max, differing, offBy8, Masks.iou(a, b),
                colourN == 0 ? 0 : (double) colourSum / colourN, colourMax);
    }
}
