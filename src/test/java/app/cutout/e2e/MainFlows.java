package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The main flows, the same in every engine other than Chromium (where the full suite runs): a refused bad file
 * whose queue goes on to a photo cut out as the JVM reference mask says; one brush stroke and an export whose alpha
 * changed only inside the stroke; a queue of three with the running photo cancelled; and a second visit with the
 * server stopped, served by the service worker. Nothing may leave the machine: the engine's proxy settings point
 * at a {@link RequestTrap}, which must catch nothing.
 *
 * <p>One browser and one server per engine, the flows in order (each builds on the page the previous one left).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MainFlows {
    private static final Duration RUN = Duration.ofMinutes(6);
    private static final Duration SHORT = Duration.ofSeconds(90);
    /** A host that cannot exist, asked for before the site opens to show that the trap catches what leaves. */
    private static final String PROBE_HOST = "proxy-check.invalid";

    private StaticServer server;
    private boolean serverStopped;
    protected FlowPage page;
    private ReferenceMask.Mask reference;
    private Path astronaut;

    /** Starts the engine with its proxy pointed at a fresh request trap. */
    abstract FlowPage startBrowser();

    /** Checks {@code #backend-info} and {@code #note} after the first cutout: threads as the engine really runs. */
    abstract void checkBackend(String threads, String note);

    @RegisterExtension
    final TestWatcher diagnostics = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (page != null) {
                screenshot("failed-" + context.getRequiredTestMethod().getName());
                page.diagnostics().forEach(System.out::println);
                System.out.println("---- requests caught by the trap ----");
                page.trap().all().forEach(System.out::println);
                try {
                    System.out.println("---- page text ----\n" + page.text("body"));
                } catch (AssertionError | RuntimeException e) {
                    System.out.println("(page text unavailable: " + e + ")");
                }
            }
        }
    };

    @BeforeAll
    void start() throws IOException {
        astronaut = TestImages.astronaut();
        TestImages.chelsea();
        TestImages.coffee();
        // Computed (or read from the cache) before the browser starts, so the two never compete for the 2 cores.
        reference = ReferenceMask.of(astronaut);
        server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
        long t = System.nanoTime();
        page = startBrowser();
        proveTheTrapCatchesWhatLeaves();
        page.open(server.url() + "?backend=wasm&model=quint8&lang=en");
        page.waitForAttribute("body", "data-app", "ready"::equals, SHORT);
        System.out.printf("[%s] browser started and page ready in %.1f s%n", page.engine(), seconds(t));
    }

    @AfterAll
    void stop() {
        try {
            if (page != null) {
                List<RequestTrap.Trapped> all = page.trap().all();
                List<RequestTrap.Trapped> left = page.trap().requests().stream()
                        .filter(r -> !r.host().startsWith(PROBE_HOST)).toList();
                page.close();
                System.out.println("[" + page.engine() + "] after the probes, the trap caught "
                        + page.trap().all().stream().filter(RequestTrap.Trapped::fromBrowserItself).count()
                        + " requests of the browser's own services (sent to " + RequestTrap.BROWSER_OWN_HOST + ") and "
                        + left.size() + " others" + (left.isEmpty() ? "" : ": " + left));
                assertEquals(List.of(), left, page.engine() + ": requests that tried to leave the machine");
            }
        } finally {
            if (server != null && !serverStopped) {
                server.close();
            }
        }
    }

    @Test
    @Order(1)
    void refusesABadFileThenCutsOutAPhotoLikeTheReference() throws IOException {
        QueueFlow queue = new QueueFlow();
        long t = System.nanoTime();
        page.upload("#file-input", List.of(TestImages.notesPng(), astronaut));
        assertEquals("error", queue.awaitOutcome(1), "a text file named notes.png must be refused");
        String refusal = queue.status(1);
        assertTrue(refusal.length() > 10 && refusal.endsWith("."), "a clear sentence: " + refusal);
        System.out.println("[" + page.engine() + "] notes.png refused with: " + refusal);
        assertEquals("done", queue.awaitOutcome(2), "the queue goes on: " + queue.status(2));
        System.out.printf("[%s] astronaut.png done %.1f s after the upload; app timings %s%n", page.engine(),
                seconds(t), page.attribute("#timings", "data-timings"));

        BufferedImage cutout = queue.open(2);
        BufferedImage photo = ImageIO.read(astronaut.toFile());
        Artifacts.save(page.engine() + "-astronaut.png", cutout);
        CutoutAssertions.assertSameSize(photo, cutout);
        CutoutAssertions.assertCornersTransparent(cutout, reference);
        CutoutAssertions.assertSubjectOpaque(cutout, reference);
        CutoutAssertions.assertIou(Masks.alpha(cutout), reference.alpha(), 0.98, "the JVM reference mask");

        assertEquals("wasm", page.attribute("#backend-info", "data-backend"));
        assertEquals("quint8", page.attribute("#backend-info", "data-model"));
        String threads = page.attribute("#backend-info", "data-threads");
        String note = page.script("const n = document.getElementById('note');"
                + " return n.hidden ? '' : n.innerText.trim();") + "";
        System.out.println("[" + page.engine() + "] " + page.text("#backend-info") + " (data-threads " + threads
                + "); note: " + note);
        checkBackend(threads, note);
        screenshot("result");
    }

    @Test
    @Order(2)
    void oneBrushStrokeChangesTheExportedAlphaOnlyInsideIt() throws IOException {
        page.script("document.getElementById('viewport').scrollIntoView({block: 'center'});");
        page.select("#export-format", "mask");
        BufferedImage first = exportImage();
        byte[] before = gray(first);
        int width = first.getWidth();
        int height = first.getHeight();

        page.click("#tool-erase");
        setRange("#brush-size", 40);
        setRange("#brush-softness", 0);
        double radius = 20;
        double[] from = {156, 300};
        double[] to = {356, 300};
        drag(from, to);
        screenshot("stroke");
        assertCheckerboardInStroke(from, to);
        byte[] after = gray(exportImage());
        int changed = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double d = EditorPage.distanceToSegment(x + 0.5, y + 0.5, from, to);
                if (d > radius + 1.5) {
                    assertEquals(before[i], after[i], "alpha outside the stroke changed at " + x + "," + y);
                } else if (d < radius - 1.5) {
                    assertEquals(0, after[i] & 0xFF, "alpha inside the stroke not erased at " + x + "," + y);
                }
                if (before[i] != after[i]) {
                    changed++;
                }
            }
        }
        System.out.println("[" + page.engine() + "] the stroke changed " + changed + " alpha values");
        assertTrue(changed > 2000, "the stroke across the astronaut changed only " + changed + " pixels");
        page.select("#export-format", "png");
    }

    @Test
    @Order(3)
    void cancelsTheRunningPhotoOfAQueueOfThreeAndTheQueueGoesOn() throws IOException {
        QueueFlow queue = new QueueFlow();
        int first = queue.count() + 1;
        long t = System.nanoTime();
        page.upload("#file-input", List.of(TestImages.chelsea(), TestImages.coffee(), astronaut));
        assertEquals(first + 2, queue.count(), "three more queue entries");
        page.waitForAttribute(QueueRows.row(first), "data-state",
                s -> s.equals("removing") || s.equals("preparing") || s.equals("loading-model"), RUN);
        page.click(QueueRows.row(first) + " .queue-cancel");
        assertEquals("cancelled", page.attribute(QueueRows.row(first), "data-state"));
        assertEquals("done", queue.awaitOutcome(first + 1), "after a cancelled photo: " + queue.status(first + 1));
        assertEquals("done", queue.awaitOutcome(first + 2), queue.status(first + 2));
        assertEquals("cancelled", page.attribute(QueueRows.row(first), "data-state"), "a cancelled photo stays so");
        System.out.printf("[%s] queue of three, first cancelled, two done in %.1f s%n", page.engine(), seconds(t));
        BufferedImage coffee = queue.open(first + 1);
        assertEquals(ImageIO.read(TestImages.coffee().toFile()).getWidth(), coffee.getWidth());
        screenshot("queue");
    }

    @Test
    @Order(4)
    void aSecondVisitWorksWithTheServerStopped() {
        String ready = page.waitForAttribute("#offline-status", "data-ready",
                v -> v.equals("true") || v.equals("failed") || v.equals("unsupported"), SHORT);
        assertEquals("true", ready, page.text("#offline-status"));
        server.close();
        serverStopped = true;
        page.reload();
        page.waitForAttribute("body", "data-app", "ready"::equals, SHORT);
        assertEquals(Boolean.TRUE, page.script("return !!navigator.serviceWorker.controller;"),
                "the page comes from the service worker");
        QueueFlow queue = new QueueFlow();
        long t = System.nanoTime();
        page.upload("#file-input", List.of(TestImages.chelsea()));
        assertEquals("done", queue.awaitOutcome(1), "offline: " + queue.status(1));
        System.out.printf("[%s] offline: chelsea.png done in %.1f s with the server stopped%n", page.engine(),
                seconds(t));
        screenshot("offline");
    }

    /**
     * The engine's proxy settings really send what leaves the machine to the trap: plain HTTP and an HTTPS tunnel to
     * a host that does not exist are both caught. (The page itself cannot be used to probe: its CSP allows only its
     * own origin, so such a request would be stopped before the network.)
     */
    private void proveTheTrapCatchesWhatLeaves() {
        for (String url : List.of("http://" + PROBE_HOST + "/", "https://" + PROBE_HOST + "/")) {
            try {
                page.open(url);
            } catch (AssertionError | RuntimeException e) {
                // The trap answers 403, which some drivers report as a failed navigation; the record is what counts.
            }
        }
        List<String> caught = page.trap().all().stream().filter(r -> r.host().startsWith(PROBE_HOST))
                .map(RequestTrap.Trapped::requestLine).toList();
        System.out.println("[" + page.engine() + "] the trap caught the probes: " + caught);
        assertTrue(caught.stream().anyMatch(line -> line.startsWith("GET http://" + PROBE_HOST)),
                "plain HTTP must go through the trap: " + caught);
        assertTrue(caught.stream().anyMatch(line -> line.startsWith("CONNECT " + PROBE_HOST + ":443")),
                "HTTPS must go through the trap: " + caught);
    }

    // ---- helpers ----

    /** The queue's rows through the same DOM contract as {@link QueueRows}. */
    private final class QueueFlow {
        int count() {
            return ((Number) page.script("return document.querySelectorAll('#queue li').length;")).intValue();
        }

        String awaitOutcome(int row) {
            return page.waitForAttribute(QueueRows.row(row), "data-state", s -> s.equals("done")
                    || s.equals("error"), RUN);
        }

        String status(int row) {
            return page.text(QueueRows.row(row) + " .queue-status");
        }

        /** Opens the row in the editor and returns its cutout, decoded. */
        BufferedImage open(int row) {
            String id = page.attribute(QueueRows.row(row), "data-id");
            // As in QueueRows.result: wait for this opening's load, not a photo already open.
            page.script("document.getElementById('result').removeAttribute('data-item');");
            page.click(QueueRows.row(row) + " .queue-open");
            page.waitForAttribute("#result", "data-item", id::equals, SHORT);
            String url = (String) page.script("return document.getElementById('result-image').src;");
            return CutoutPage.decodePng(page.fetchBytes(url), page.engine() + ": the cutout of row " + row);
        }
    }

    private BufferedImage exportImage() throws IOException {
        page.script("document.getElementById('download').setAttribute('data-state', 'stale');");
        page.click("#export-button");
        String state = page.waitForAttribute("#download", "data-state", s -> s.equals("done") || s.equals("error"),
                Duration.ofMinutes(3));
        assertEquals("done", state, "export failed: " + page.text("#message"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(page.fetchBytes(page.attribute("#download",
                "href"))));
        assertNotNull(image, "the export does not decode");
        return image;
    }

    private void setRange(String css, int value) {
        page.script("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input', {bubbles: true}));", css, Integer.toString(value));
    }

    /**
     * Drags between two points in photo pixels; the points are updated to where the pointer really landed after
     * rounding to CSS pixels, so the stroke's geometry can be checked exactly.
     */
    private void drag(double[] from, double[] to) {
        page.script("document.getElementById('viewport').scrollIntoView({block: 'center'});");
        @SuppressWarnings("unchecked")
        // The stage is placed in the viewport's inside (its padding box), so the border is added to its box.
        List<Number> t = (List<Number>) page.script("const e = document.getElementById('viewport');"
                + " const v = e.getBoundingClientRect(); const m = new DOMMatrix(getComputedStyle("
                + "document.getElementById('stage')).transform);"
                + " return [v.left + e.clientLeft, v.top + e.clientTop, m.a, m.e, m.f];");
        double left = t.get(0).doubleValue();
        double top = t.get(1).doubleValue();
        double scale = t.get(2).doubleValue();
        double tx = t.get(3).doubleValue();
        double ty = t.get(4).doubleValue();
        int[] a = {(int) Math.round(left + tx + from[0] * scale), (int) Math.round(top + ty + from[1] * scale)};
        int[] b = {(int) Math.round(left + tx + to[0] * scale), (int) Math.round(top + ty + to[1] * scale)};
        page.drag(a, b);
        from[0] = (a[0] - left - tx) / scale;
        from[1] = (a[1] - top - ty) / scale;
        to[0] = (b[0] - left - tx) / scale;
        to[1] = (b[1] - top - ty) / scale;
        // The stroke is applied once undo becomes possible.
        page.waitUntil("!document.getElementById('undo').disabled", Duration.ofSeconds(30));
    }

    /**
     * The erased stroke shows the checkerboard behind the cutout on the screen (a screenshot of the viewport): the
     * middle of the stroke holds about as many pixels of the board's light squares as of its dark ones. WebKitGTK's
     * screenshot of it looked solid white when viewed scaled down; its pixels are the board, as in the other engines.
     */
    private void assertCheckerboardInStroke(double[] from, double[] to) throws IOException {
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(page.screenshotPng()));
        @SuppressWarnings("unchecked")
        List<Number> t = (List<Number>) page.script("const c = document.getElementById('cutout-canvas');"
                + " const r = c.getBoundingClientRect(); return [r.left, r.top, r.width / c.width, devicePixelRatio];");
        double left = t.get(0).doubleValue();
        double top = t.get(1).doubleValue();
        double scale = t.get(2).doubleValue();
        double ratio = t.get(3).doubleValue();
        int light = 0;
        int dark = 0;
        int all = 0;
        // The middle third of the stroke, 8 photo pixels either side of its line: well inside the 20-pixel radius
        // and away from the brush cursor, which stays at the stroke's end.
        for (double x = from[0] + (to[0] - from[0]) / 3; x < from[0] + 2 * (to[0] - from[0]) / 3; x++) {
            for (double y = from[1] - 8; y <= from[1] + 8; y++) {
                int sx = (int) ((left + x * scale) * ratio);
                int sy = (int) ((top + y * scale) * ratio);
                int rgb = shot.getRGB(sx, sy);
                int min = Math.min(rgb >> 16 & 0xFF, Math.min(rgb >> 8 & 0xFF, rgb & 0xFF));
                int max = Math.max(rgb >> 16 & 0xFF, Math.max(rgb >> 8 & 0xFF, rgb & 0xFF));
                if (min >= 0xF0) {
                    light++;
                } else if (min >= 0xC0 && max <= 0xD8) {
                    dark++;
                }
                all++;
            }
        }
        System.out.printf("[%s] the erased stroke on screen: %d of %d pixels light, %d dark%n", page.engine(), light,
                all, dark);
        assertTrue(light > all / 4 && dark > all / 4, "the checkerboard shows through the erased stroke: " + light
                + " light and " + dark + " dark of " + all + " pixels");
    }

    private static byte[] gray(BufferedImage image) {
        byte[] out = new byte[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                out[y * image.getWidth() + x] = (byte) (image.getRGB(x, y) & 0xFF);
            }
        }
        return out;
    }

    private void screenshot(String name) {
        try {
            Path file = ProjectDirs.root().resolve("target/screenshots/" + page.engine() + "-" + name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, page.screenshotPng());
            System.out.println("saved " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (AssertionError | RuntimeException e) {
            System.out.println("(no screenshot: " + e + ")");
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
