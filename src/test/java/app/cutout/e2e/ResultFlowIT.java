package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The way a result reaches the user, with edge refinement on (the default): the worker hands the page the cutout as
 * a bitmap before it writes the PNG (the row passes through {@code saving}, and the run's own timings put
 * {@code ready_ms} before {@code total_ms}); and the refined edge colours (foreground estimation) are what the exports
 * are made of, not the photo's own colours: a transparent PNG export equals the worker's cutout, and a colour
 * background export blends the cutout's colours, with and without a brush edit.
 */
class ResultFlowIT {
    private static final Duration RUN = Duration.ofMinutes(10);
    /** The canvas stores premultiplied alpha, so colours of soft pixels round a little on every trip through one. */
    private static final int TOLERANCE = 4;
    /** Only pixels this opaque are compared: below it, premultiplication rounds colours by more than the tolerance. */
    private static final int MIN_ALPHA = 64;

    @Test
    void theCutoutShowsBeforeItsPngAndExportsCarryTheRefinedEdgeColours() throws Exception {
        Path photoFile = TestImages.astronaut();
        BufferedImage photo = ImageIO.read(photoFile.toFile());
        try (StaticServer server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
                Browser browser = Browser.start()) {
            try {
                JavascriptExecutor js = (JavascriptExecutor) browser.driver();
                new CutoutPage(browser).open(server.url() + "?backend=wasm&model=quint8&lang=en");
                // Every state the first row goes through, as the page shows them.
                js.executeScript("window.__states = [];"
                        + "new MutationObserver(() => { const li = document.querySelector('#queue li');"
                        + "  if (li) { const s = li.getAttribute('data-state');"
                        + "    if (window.__states[window.__states.length - 1] !== s) window.__states.push(s); } })"
                        + ".observe(document.getElementById('queue'), {subtree: true, childList: true,"
                        + "  attributes: true, attributeFilter: ['data-state']});"
                        // What the editor shows: the rough cutout (data-rough), then the refined one (data-item).
                        + "window.__editor = []; const ed = document.getElementById('result');"
                        + "new MutationObserver(() => { for (const a of ['data-rough', 'data-item']) {"
                        + "  const v = ed.getAttribute(a); const e = a + '=' + v;"
                        + "  if (v && !ed.hidden && !window.__editor.includes(e)) window.__editor.push(e); } })"
                        + ".observe(ed, {attributes: true, attributeFilter: ['data-rough', 'data-item', 'hidden']});");
                QueueRows queue = new QueueRows(browser);
                EditorPage editor = new EditorPage(browser);
                queue.upload(List.of(photoFile));
                assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
                @SuppressWarnings("unchecked")
                List<String> states = (List<String>) js.executeScript("return window.__states;");
                System.out.println("states: " + states + "; timings " + browser.attribute("#timings",
                        "data-timings"));
                int saving = states.indexOf("saving");
                assertTrue(saving > 0 && states.indexOf("finishing") < saving
                        && states.indexOf("done") == saving + 1, "finishing → saving → done expected: " + states);
                String timings = browser.attribute("#timings", "data-timings");
                double ready = timing(timings, "ready_ms");
                assertTrue(ready > 0 && ready < timing(timings, "total_ms"), "the cutout is ready before the PNG: "
                        + timings);
                // The model's mask went to the page before refinement, and the editor showed it over the photo
                // before the refined cutout replaced it.
                double first = timing(timings, "first_ms");
                assertTrue(first > 0 && first < ready, "the rough cutout comes before the refined one: " + timings);
                browser.waitForAttribute("#result", "data-item", v -> v != null && !v.isEmpty(), RUN);
                assertEquals(List.of("data-rough=1", "data-item=1"), js.executeScript("return window.__editor;"));
                assertEquals(null, browser.attribute("#result", "data-rough"), "the rough cutout is gone");

                BufferedImage cutout = queue.result(1, RUN);
                browser.waitForAttribute("#result", "data-item", v -> v != null && !v.isEmpty(), RUN);
                int refined = 0;
                int compared = 0;
                BufferedImage plain = export(editor, "png");
                CutoutAssertions.assertSameSize(cutout, plain);
                for (int y = 0; y < cutout.getHeight(); y++) {
                    for (int x = 0; x < cutout.getWidth(); x++) {
                        int c = cutout.getRGB(x, y);
                        int e = plain.getRGB(x, y);
                        assertEquals(c >>> 24, e >>> 24, "alpha at " + x + "," + y);
                        if ((c >>> 24) < MIN_ALPHA) {
                            continue;
                        }
                        compared++;
                        assertClose(c, e, "transparent PNG export vs the cutout at " + x + "," + y);
                        if ((c >>> 24) < 255 && distance(c, photo.getRGB(x, y)) > 3 * TOLERANCE) {
                            refined++;
                        }
                    }
                }
                System.out.println("compared " + compared + " pixels; " + refined
                        + " soft edge pixels whose refined colour differs from the photo's");
                assertTrue(refined > 50, "refinement must have changed edge colours for this test to mean anything: "
                        + refined);

                // A colour background blends the cutout's colours, also after a brush edit elsewhere.
                js.executeScript("document.querySelector(\".swatch[data-color='#2648c9']\").click();");
                erase(editor, browser, cutout.getWidth(), cutout.getHeight());
                BufferedImage blue = export(editor, "png");
                int checked = 0;
                for (int y = 0; y < cutout.getHeight(); y++) {
                    for (int x = 0; x < cutout.getWidth(); x++) {
                        int c = cutout.getRGB(x, y);
                        int a = c >>> 24;
                        if (a < MIN_ALPHA || a == 255 || x < cutout.getWidth() / 2) {
                            continue;
                        }
                        // Right half only: the stroke is in the left half.
                        int expected = 0xFF000000 | blend(c, 0x2648C9, a);
                        assertClose(expected, blue.getRGB(x, y), "colour export vs the cutout's colour at " + x
                                + "," + y);
                        checked++;
                    }
                }
                assertTrue(checked > 20, "soft pixels checked: " + checked);
                assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: "
                        + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                throw e;
            }
        }
    }

    /** One erase stroke down the left quarter of the photo, so the export goes through the edited-mask path. */
    private static void erase(EditorPage editor, Browser browser, int width, int height) {
        editor.tool("erase");
        editor.drag(new double[] {width / 4.0, height / 4.0}, new double[] {width / 4.0, height * 3 / 4.0});
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return !document.getElementById('undo').disabled;")));
    }

    private static BufferedImage export(EditorPage editor, String format) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(editor.export(format).bytes()));
        assertNotNull(image, "the export does not decode");
        return image;
    }

    private static double timing(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":([0-9.]+)").matcher(json);
        assertTrue(m.find(), name + " missing from " + json);
        return Double.parseDouble(m.group(1));
    }

    private static int blend(int fg, int bg, int a) {
        int out = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            int f = (fg >> shift) & 0xFF;
            int b = (bg >> shift) & 0xFF;
            out |= ((f * a + b * (255 - a) + 127) / 255) << shift;
        }
        return out;
    }

    private static int distance(int p, int q) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF)));
        }
        return d;
    }

    private static void assertClose(int expected, int actual, String what) {
        if (distance(expected, actual) > TOLERANCE) {
            throw new AssertionError(String.format("%s: expected #%06x, got #%06x", what, expected & 0xFFFFFF,
                    actual & 0xFFFFFF));
        }
    }
}
