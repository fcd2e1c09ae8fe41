package app.cutout.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The app's page as the end-to-end tests see it, through the DOM contract only: {@code #file-input},
 * {@code #backend-select}, {@code #model-select}, {@code #status[data-state]}, {@code #message},
 * {@code #backend-info[data-backend|data-model|data-threads]}, {@code #result-image}.
 */
final class CutoutPage {
    /** States after which nothing more happens until the next photo (one chosen alone; a batch: see View.item). */
    static final Set<String> FINAL_STATES = Set.of("done", "error");

    private final Browser browser;

    CutoutPage(Browser browser) {
        this.browser = browser;
    }

    /** Opens the app and waits until its code has started (the status leaves its static placeholder). */
    void open(String url) {
        browser.open(url);
        browser.waitForAttribute("#status", "data-state", state -> state.equals("idle") || state.equals("error"),
                Duration.ofMinutes(1));
        String state = state();
        if (state.equals("error")) {
            throw new AssertionError("The app failed to start: " + message());
        }
    }

    void choose(String backend, String model) {
        browser.select("#backend-select", backend);
        browser.select("#model-select", model);
    }

    /**
     * Uploads one file and waits for its outcome. The status may still show the previous photo's final state, so
     * first wait until the app has taken the new file up (any other state, or a changed message), then for the end.
     */
    String process(Path file, Duration timeout) {
        String before = state();
        String messageBefore = message();
        long start = System.nanoTime();
        browser.uploadFile("#file-input", file);
        if (FINAL_STATES.contains(before)) {
            browser.waitForAttribute("#status", "data-state",
                    state -> !state.equals(before) || !message().equals(messageBefore), Duration.ofMinutes(1));
        }
        String outcome = browser.waitForAttribute("#status", "data-state", FINAL_STATES::contains, timeout);
        System.out.printf("%s: %s after %.1f s; app timings: %s%n", file.getFileName(), outcome,
                (System.nanoTime() - start) / 1e9, appTimings());
        return outcome;
    }

    /** The app's own stage timings, if it shows them (not part of the contract, only printed). */
    private String appTimings() {
        List<WebElement> found = browser.driver().findElements(By.cssSelector("#timings"));
        return found.isEmpty() ? null : found.get(0).getDomAttribute("data-timings");
    }

    String state() {
        return browser.attribute("#status", "data-state");
    }

    String message() {
        return browser.driver().findElement(By.cssSelector("#message")).getText().trim();
    }

    String backendInfo(String attribute) {
        return browser.attribute("#backend-info", "data-" + attribute);
    }

    /** The URL (blob:) of the finished cutout. */
    String resultUrl() {
        return browser.driver().findElement(By.cssSelector("#result-image")).getDomProperty("src");
    }

    /** The finished cutout, fetched inside the page and decoded; fails unless it is a PNG. */
    BufferedImage result() {
        return decodePng(browser.fetchBytes(resultUrl()), "#result-image");
    }

    static BufferedImage decodePng(byte[] bytes, String what) {
        if (bytes.length < 8 || (bytes[0] & 0xFF) != 0x89 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G') {
            throw new AssertionError(what + " is not a PNG (" + bytes.length + " bytes)");
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new AssertionError(what + " does not decode");
            }
            return Masks.toArgb(image);
        } catch (IOException e) {
            throw new AssertionError(what + " does not decode: " + e, e);
        }
    }
}
