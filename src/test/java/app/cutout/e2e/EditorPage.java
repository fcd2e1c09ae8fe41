package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The editor as the tests drive it, through its DOM contract: the queue's {@code .queue-open} buttons,
 * {@code #result[data-item]}, the tool radios, {@code #brush-size}/{@code #brush-softness}, the background radios
 * ({@code input[name=bg]}), {@code #bg-file}, {@code #bg-blur-amount}, {@code #export-format}, {@code #export-button}
 * and the download link {@code #download[data-state|href|download]}.
 */
final class EditorPage {
    /** One finished export: the file name the app gave it and its bytes. */
    record Download(String name, byte[] bytes) {
    }

    private final Browser browser;
    private final JavascriptExecutor js;

    EditorPage(Browser browser) {
        this.browser = browser;
        this.js = (JavascriptExecutor) browser.driver();
    }

    /** Opens the n-th (done) row in the editor and waits until it is shown. */
    void open(int row) {
        String id = browser.attribute(QueueRows.row(row), "data-id");
        click(QueueRows.row(row) + " .queue-open");
        browser.waitForAttribute("#result", "data-item", id, Duration.ofMinutes(1));
        js.executeScript("document.getElementById('viewport').scrollIntoView({block: 'center'});");
    }

    /** Picks an export format, presses Download and returns the file once the export worker has made it. */
    Download export(String format) {
        String state = exportOutcome(format);
        assertEquals("done", state, "export failed: " + browser.text("#message"));
        String name = browser.attribute("#download", "download");
        return new Download(name, browser.fetchBytes(browser.attribute("#download", "href")));
    }

    /** Starts an export and waits for it to end: {@code #download}'s state then, {@code done} or {@code error}. */
    String exportOutcome(String format) {
        browser.select("#export-format", format);
        js.executeScript("document.getElementById('download').setAttribute('data-state', 'stale');");
        click("#export-button");
        return browser.waitForAttribute("#download", "data-state", s -> s.equals("done") || s.equals("error"),
                Duration.ofMinutes(3));
    }

    void background(String kind) {
        click("input[name=bg][value=" + kind + "]");
    }

    /** Chooses a background image through the page's file input. */
    void backgroundImage(Path file) {
        WebElement input = browser.driver().findElement(By.id("bg-file"));
        input.sendKeys(file.toAbsolutePath().toString());
    }

    void tool(String name) {
        click("#tool-" + name);
    }

    void click(String css) {
        WebElement element = browser.driver().findElement(By.cssSelector(css));
        js.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /** Sets a range input as a person dragging its thumb would: value, then an input event. */
    void setRange(String css, int value) {
        js.executeScript("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input', {bubbles: true}));", css, Integer.toString(value));
    }

    /**
     * Drags the mouse between two points given in photo pixels. The points are updated to where the pointer really
     * landed, after rounding to screen pixels, so the caller can check the stroke's geometry exactly.
     */
    void drag(double[] from, double[] to) {
        double[] photo = photoOnScreen();
        double left = photo[0];
        double top = photo[1];
        double scale = photo[2];
        Actions actions = new Actions(browser.driver());
        actions.moveToLocation((int) Math.round(left + from[0] * scale), (int) Math.round(top + from[1] * scale))
                .clickAndHold();
        for (int step = 1; step <= 10; step++) {
            double x = from[0] + (to[0] - from[0]) * step / 10;
            double y = from[1] + (to[1] - from[1]) * step / 10;
            actions.moveToLocation((int) Math.round(left + x * scale), (int) Math.round(top + y * scale));
        }
        actions.release().perform();
        from[0] = (Math.round(left + from[0] * scale) - left) / scale;
        from[1] = (Math.round(top + from[1] * scale) - top) / scale;
        to[0] = (Math.round(left + to[0] * scale) - left) / scale;
        to[1] = (Math.round(top + to[1] * scale) - top) / scale;
    }

    /**
     * Clicks once (a brush dab) at the CSS pixel nearest a point given in photo pixels; returns where the pointer
     * really landed, in photo pixels.
     */
    double[] dab(double x, double y) {
        double[] photo = photoOnScreen();
        long cx = Math.round(photo[0] + x * photo[2]);
        long cy = Math.round(photo[1] + y * photo[2]);
        new Actions(browser.driver()).moveToLocation((int) cx, (int) cy).click().perform();
        return new double[] {(cx - photo[0]) / photo[2], (cy - photo[1]) / photo[2]};
    }

    /**
     * Draws one stroke with the mouse through points given in photo pixels (real pointer events, several moves per
     * segment). {@code whileDown} runs with the button still held after the last move (a screenshot mid-stroke).
     * The points are updated to where the pointer really landed.
     */
    void stroke(double[][] points, Runnable whileDown) {
        double[] photo = photoOnScreen();
        double left = photo[0];
        double top = photo[1];
        double scale = photo[2];
        Actions actions = new Actions(browser.driver());
        actions.moveToLocation((int) Math.round(left + points[0][0] * scale),
                (int) Math.round(top + points[0][1] * scale)).clickAndHold();
        for (int k = 1; k < points.length; k++) {
            for (int step = 1; step <= 8; step++) {
                double x = points[k - 1][0] + (points[k][0] - points[k - 1][0]) * step / 8;
                double y = points[k - 1][1] + (points[k][1] - points[k - 1][1]) * step / 8;
                actions.moveToLocation((int) Math.round(left + x * scale), (int) Math.round(top + y * scale));
            }
        }
        actions.perform();
        whileDown.run();
        new Actions(browser.driver()).release().perform();
        for (double[] p : points) {
            p[0] = (Math.round(left + p[0] * scale) - left) / scale;
            p[1] = (Math.round(top + p[1] * scale) - top) / scale;
        }
    }

    /**
     * Where the photo is drawn, with the viewport scrolled into view: the client coordinates of its top-left corner
     * and CSS pixels per photo pixel, measured from the stage's box on the screen (its transform applied), not
     * from the editor's own arithmetic.
     */
    double[] photoOnScreen() {
        js.executeScript("document.getElementById('viewport').scrollIntoView({block: 'center'});");
        @SuppressWarnings("unchecked")
        List<Number> t = (List<Number>) js.executeScript("const s = document.getElementById('stage');"
                + " const r = s.getBoundingClientRect(); return [r.left, r.top, r.width / s.offsetWidth];");
        return new double[] {t.get(0).doubleValue(), t.get(1).doubleValue(), t.get(2).doubleValue()};
    }

    /** The distance from a point to a polyline. */
    static double distanceToPath(double px, double py, double[][] path) {
        double best = Math.hypot(px - path[0][0], py - path[0][1]);
        for (int k = 1; k < path.length; k++) {
            best = Math.min(best, distanceToSegment(px, py, path[k - 1], path[k]));
        }
        return best;
    }

    static double distanceToSegment(double px, double py, double[] a, double[] b) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((px - a[0]) * dx + (py - a[1]) * dy) / len2;
        t = Math.max(0, Math.min(1, t));
        return Math.hypot(px - (a[0] + t * dx), py - (a[1] + t * dy));
    }

    /**
     * Decodes an image with the browser's own decoder (for formats javax.imageio lacks, such as WebP) and returns it
     * as non-premultiplied ARGB. Alpha is exact; the colour of partly transparent pixels is only as exact as a canvas
     * (which stores premultiplied colour) keeps it.
     */
    BufferedImage decodeInBrowser(byte[] bytes, String mimeType) {
        Object result = js.executeAsyncScript("""
                const [base64, type] = arguments, done = arguments[arguments.length - 1];
                const binary = atob(base64);
                const bytes = new Uint8Array(binary.length);
                for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
                createImageBitmap(new Blob([bytes], {type}), {premultiplyAlpha: 'none', colorSpaceConversion: 'none'})
                  .then(bitmap => {
                    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
                    const context = canvas.getContext('2d', {willReadFrequently: true});
                    context.drawImage(bitmap, 0, 0);
                    const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
                    let out = '';
                    for (let i = 0; i < data.length; i += 0x8000) {
                      out += String.fromCharCode.apply(null, data.subarray(i, i + 0x8000));
                    }
                    done({width: bitmap.width, height: bitmap.height, rgba: btoa(out)});
                  })
                  .catch(e => done({error: String(e)}));
                """, Base64.getEncoder().encodeToString(bytes), mimeType);
        if (!(result instanceof Map<?, ?> map) || map.get("error") != null) {
            throw new AssertionError("The browser cannot decode the " + mimeType + " file: " + result);
        }
        int width = ((Number) map.get("width")).intValue();
        int height = ((Number) map.get("height")).intValue();
        byte[] rgba = Base64.getDecoder().decode((String) map.get("rgba"));
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (rgba[4 * i + 3] & 0xFF) << 24 | (rgba[4 * i] & 0xFF) << 16 | (rgba[4 * i + 1] & 0xFF) << 8
                    | (rgba[4 * i + 2] & 0xFF);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }

    static void assertMagic(byte[] bytes, String format) {
        boolean ok = switch (format) {
            case "png" -> bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N'
                    && bytes[3] == 'G';
            case "jpeg" -> bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8
                    && (bytes[2] & 0xFF) == 0xFF;
            case "webp" -> bytes.length > 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F'
                    && bytes[3] == 'F' && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P';
            default -> throw new IllegalArgumentException(format);
        };
        assertTrue(ok, "the file does not start like a " + format + " file (" + bytes.length + " bytes)");
    }
}
