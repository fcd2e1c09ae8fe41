package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.ImageLimits;
import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * Cutout on a phone (390 × 844 CSS pixels) and a tablet (768 × 1024), as Chromium emulates them (mobile viewport,
 * touch): every control is within the screen's width, and fingers drive the editor through Pointer Events. One
 * finger paints with a brush and changes the exported alpha only where it went, two fingers pinch-zoom without
 * painting, one finger pans with Move. A device that reports 1 GB of memory is offered a smaller copy of a photo that
 * a computer would process whole, told why, and the copy is processed when accepted.
 *
 * <p>Fingers are sent with DevTools' {@code Input.dispatchTouchEvent}, which goes through the browser's own input
 * pipeline (hit testing, {@code touch-action}, pointer events). Screenshots of the empty page and the editor at both
 * sizes are kept under {@code target/screenshots/} for people to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TouchIT {
    private static final Duration RUN = Duration.ofMinutes(10);
    private static final int[][] SIZES = {{390, 844}, {768, 1024}};

    private StaticServer server;
    private Browser browser;
    private ChromiumDriver cdp;
    private JavascriptExecutor js;
    private EditorPage editor;
    private byte[] modelMask;

    @BeforeAll
    void start() throws IOException {
        server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
        browser = Browser.start();
        cdp = (ChromiumDriver) browser.driver();
        js = (JavascriptExecutor) browser.driver();
        editor = new EditorPage(browser);
        cdp.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        device(SIZES[0]);
        new CutoutPage(browser).open(server.url() + "?backend=wasm&model=quint8&refine=0&lang=en");
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: " + browser.trap().requests());
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theEmptyPageFitsPhoneAndTabletWidths() throws IOException {
        assertEquals(Boolean.TRUE, js.executeScript("return matchMedia('(pointer: coarse)').matches;"),
                "the emulated device has a touch screen");
        for (int[] size : SIZES) {
            device(size);
            assertFits(size, "empty page");
            screenshot("touch-" + size[0] + "-empty");
        }
    }

    @Test
    @Order(2)
    void theEditorWithAResultFitsPhoneAndTabletWidths() throws IOException {
        device(SIZES[0]);
        QueueRows queue = new QueueRows(browser);
        queue.upload(List.of(TestImages.astronaut()));
        assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
        browser.waitForAttribute("#result", "data-item", v -> v != null && !v.isEmpty(), Duration.ofMinutes(1));
        for (int i = SIZES.length - 1; i >= 0; i--) {
            device(SIZES[i]);
            // As a person would after turning the device: the photo fitted to the new preview.
            editor.click("#zoom-fit");
            js.executeScript("window.scrollTo(0, 0);");
            assertFits(SIZES[i], "editor with a result");
            screenshot("touch-" + SIZES[i][0] + "-editor");
        }
        modelMask = mask();
        assertEquals(512 * 512, modelMask.length, "astronaut.png is 512 × 512");
    }

    @Test
    @Order(3)
    void oneFingerErasesWhereItGoesAndTheStrokeUndoes() {
        editor.tool("erase");
        editor.setRange("#brush-size", 40);
        editor.setRange("#brush-softness", 0);
        double radius = 20;
        double[] from = {156, 300};
        double[] to = {356, 300};
        View view = view();
        List<double[]> path = new ArrayList<>();
        for (int step = 0; step <= 10; step++) {
            path.add(view.toClient(from[0] + (to[0] - from[0]) * step / 10, from[1] + (to[1] - from[1]) * step / 10));
        }
        // Where the finger really was, in photo pixels, after rounding to CSS pixels.
        from = view.toImage(path.get(0));
        to = view.toImage(path.get(path.size() - 1));
        touch("touchStart", path.get(0));
        for (double[] p : path.subList(1, path.size())) {
            touch("touchMove", p);
        }
        touch("touchEnd");

        byte[] edited = mask();
        int width = 512;
        int changed = 0;
        for (int i = 0; i < edited.length; i++) {
            double d = EditorPage.distanceToSegment(i % width + 0.5, i / width + 0.5, from, to);
            if (d > radius + 1.5) {
                assertEquals(modelMask[i], edited[i], "pixel (" + i % width + "," + i / width + ") outside the "
                        + "stroke changed");
            } else if (d < radius - 1.5) {
                assertEquals(0, edited[i] & 0xFF, "pixel (" + i % width + "," + i / width + ") not erased");
            }
            changed += modelMask[i] != edited[i] ? 1 : 0;
        }
        assertTrue(changed > 2000, "the stroke across the astronaut changed only " + changed + " pixels");

        editor.click("#undo");
        assertArrayEquals(modelMask, mask(), "Undo takes the finger's stroke back exactly");
    }

    @Test
    @Order(4)
    void twoFingersPinchZoomAroundTheirMidpointAndNeverPaint() {
        // Still the Erase tool: the first finger starts a stroke, which the second one takes back.
        View before = view();
        double[] centre = {Math.round(before.left + before.width / 2), Math.round(before.top + before.height / 2)};
        double[] imagePoint = before.toImage(centre);
        touch("touchStart", new double[] {centre[0] - 30, centre[1]});
        touch("touchStart", new double[] {centre[0] - 30, centre[1]}, new double[] {centre[0] + 30, centre[1]});
        for (int step = 1; step <= 5; step++) {
            double half = 30 + 14 * step;
            touch("touchMove", new double[] {centre[0] - half, centre[1]}, new double[] {centre[0] + half, centre[1]});
        }
        touch("touchEnd");

        View after = view();
        double factor = after.scale / before.scale;
        assertEquals(200.0 / 60, factor, 0.02, "the fingers went from 60 to 200 CSS pixels apart: zoom "
                + before.zoom + "% → " + after.zoom + "%");
        assertTrue(Integer.parseInt(after.zoom) > Integer.parseInt(before.zoom), "data-zoom follows the pinch");
        double[] stillThere = after.toClient(imagePoint[0], imagePoint[1]);
        assertEquals(centre[0], stillThere[0], 1.0, "the photo point under the fingers' midpoint stays under it");
        assertEquals(centre[1], stillThere[1], 1.0, "the photo point under the fingers' midpoint stays under it");
        assertNotNull(browser.attribute("#undo", "disabled"), "a pinch adds no undo step");
        assertArrayEquals(modelMask, mask(), "a pinch leaves no paint");
    }

    @Test
    @Order(5)
    void oneFingerWithMovePans() {
        editor.tool("pan");
        View before = view();
        double[] start = {Math.round(before.left + before.width / 2), Math.round(before.top + before.height / 2)};
        touch("touchStart", start);
        for (int step = 1; step <= 5; step++) {
            touch("touchMove", new double[] {start[0] - 8 * step, start[1] + 5 * step});
        }
        touch("touchEnd");
        View after = view();
        assertEquals(before.scale, after.scale, 1e-9, "one finger does not zoom");
        assertEquals(before.tx - 40, after.tx, 0.01, "moved 40 CSS pixels left");
        assertEquals(before.ty + 25, after.ty, 0.01, "moved 25 CSS pixels down");
        assertArrayEquals(modelMask, mask(), "moving leaves no paint");
    }

    @Test
    @Order(6)
    void aDeviceWithLittleMemoryIsOfferedASmallerCopyAndToldWhy() throws IOException {
        Path photo = RobustLargeIT.synthetic(ProjectDirs.root().resolve("target/corpus/large/synthetic-3700x3500.jpg"),
                3700, 3500);
        long limit = ImageLimits.maxPixels(1);
        assertTrue(3700L * 3500 > limit && 3700L * 3500 < ImageLimits.MAX_PIXELS,
                "test set-up: past the 1 GB limit, within a computer's");
        int[] offer = ImageLimits.fit(3700, 3500, limit, ImageLimits.MAX_SIDE);
        cdp.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "Object.defineProperty(Navigator.prototype, 'deviceMemory', {get: () => 1, configurable: true});"));
        device(SIZES[0]);
        new CutoutPage(browser).open(server.url() + "?backend=wasm&model=quint8&refine=0&lang=en");
        assertEquals(1L, js.executeScript("return navigator.deviceMemory;"));

        QueueRows queue = new QueueRows(browser);
        queue.upload(List.of(photo));
        assertEquals("error", queue.awaitOutcome(1, RUN), "13 MP on a 1 GB device is refused first: "
                + queue.status(1));
        String offered = offer[0] + " × " + offer[1];
        assertEquals("“synthetic-3700x3500.jpg” is 3700 × 3500 pixels (13 megapixels). This device reports 1 GB "
                + "of memory, so here Cutout works at full resolution up to 12.5 megapixels, to keep the tab from "
                + "running out of memory. Choose “Process at " + offered + "” to remove the background from a "
                + "smaller copy, or use a device with more memory.", queue.status(1));
        assertNotNull(queue.retryButton(1), "the offer is a button");
        assertEquals("Process at " + offered, queue.retryButton(1).getText());
        assertFits(SIZES[0], "a refusal in the queue");
        screenshot("touch-390-memory-offer");

        browser.select("#language-select", "es");
        String spanish = queue.status(1);
        assertTrue(spanish.contains("Este dispositivo indica 1 GB de memoria")
                && spanish.contains("«Procesar a " + offered + "»"), spanish);
        browser.select("#language-select", "en");

        // Accepted, the offer is processed at that size on this device.
        queue.retryButton(1).click();
        assertEquals("done", queue.awaitOutcome(1, RUN), "the smaller copy: " + queue.status(1));
        assertEquals("Done at " + offered + ", reduced from 3700 × 3500", queue.status(1));
    }

    // ---- helpers ----

    /** Emulates a mobile device of {@code size} CSS pixels (1 device pixel each) and waits for the layout. */
    private void device(int[] size) {
        cdp.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size[0], "height", size[1],
                "deviceScaleFactor", 1, "mobile", true));
        js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "requestAnimationFrame(() => requestAnimationFrame(() => done()));");
    }

    /**
     * No sideways scrolling, and every visible button, input, select and summary lies within the screen's width.
     */
    private void assertFits(int[] size, String state) {
        @SuppressWarnings("unchecked")
        Map<String, Object> layout = (Map<String, Object>) js.executeScript("""
                const page = document.scrollingElement;
                const width = document.documentElement.clientWidth;
                const outside = [];
                let checked = 0;
                for (const e of document.querySelectorAll('button, input, select, summary')) {
                  const r = e.getBoundingClientRect();
                  if (r.width === 0 || r.height === 0 || getComputedStyle(e).visibility === 'hidden') continue;
                  checked++;
                  if (r.left < -0.5 || r.right > width + 0.5) {
                    outside.push((e.id || e.className || e.tagName) + ' ' + Math.round(r.left) + '..'
                        + Math.round(r.right));
                  }
                }
                return {scrollWidth: page.scrollWidth, clientWidth: page.clientWidth, width, outside, checked};
                """);
        String what = size[0] + "×" + size[1] + ", " + state + ": " + layout;
        assertEquals((long) size[0], layout.get("width"), "the layout viewport is the device's width: " + what);
        assertTrue(((Number) layout.get("scrollWidth")).longValue() <= ((Number) layout.get("clientWidth"))
                .longValue(), "the page scrolls sideways: " + what);
        assertEquals(List.of(), layout.get("outside"), "controls outside the screen: " + what);
        assertTrue(((Number) layout.get("checked")).longValue() > 5, what);
    }

    /** Fingers down at the given CSS pixel positions (the ones not given are lifted); none: every finger lifted. */
    private void touch(String type, double[]... points) {
        List<Map<String, Object>> touchPoints = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            touchPoints.add(Map.of("x", points[i][0], "y", points[i][1], "id", i, "radiusX", 4, "radiusY", 4,
                    "force", 1));
        }
        cdp.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", type, "touchPoints", touchPoints));
    }

    /** The exported mask of the open photo, one byte per pixel. */
    private byte[] mask() {
        EditorPage.Download mask = editor.export("mask");
        BufferedImage grey = CutoutPage.decodePng(mask.bytes(), mask.name());
        byte[] out = new byte[grey.getWidth() * grey.getHeight()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (grey.getRGB(i % grey.getWidth(), i / grey.getWidth()) & 0xFF);
        }
        return out;
    }

    /** Where the viewport is on the screen and how the photo is placed in it, with the viewport scrolled into view. */
    private View view() {
        @SuppressWarnings("unchecked")
        List<Object> t = (List<Object>) js.executeScript("const v = document.getElementById('viewport');"
                + "v.scrollIntoView({block: 'center'}); const r = v.getBoundingClientRect();"
                + "const m = new DOMMatrix(getComputedStyle(document.getElementById('stage')).transform);"
                + "return [r.left + v.clientLeft, r.top + v.clientTop, v.clientWidth, v.clientHeight, m.a, m.e, m.f,"
                + " v.getAttribute('data-zoom')];");
        return new View(number(t.get(0)), number(t.get(1)), number(t.get(2)), number(t.get(3)), number(t.get(4)),
                number(t.get(5)), number(t.get(6)), (String) t.get(7));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    /** The viewport's inside on the screen (its border left out: the stage is placed there), the stage's transform. */
    private record View(double left, double top, double width, double height, double scale, double tx, double ty,
            String zoom) {
        /** The CSS pixel on the screen where a photo pixel is, rounded as a finger's position is. */
        double[] toClient(double x, double y) {
            return new double[] {Math.round(left + tx + x * scale), Math.round(top + ty + y * scale)};
        }

        double[] toImage(double[] client) {
            return new double[] {(client[0] - left - tx) / scale, (client[1] - top - ty) / scale};
        }
    }

    private void screenshot(String name) throws IOException {
        Map<String, Object> shot = cdp.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Path file = ProjectDirs.root().resolve("target/screenshots/" + name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        System.out.println("screenshot " + file);
    }
}
