package app.cutout.e2e;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The queue as the tests see it, through its DOM contract: {@code #queue li[data-id][data-state]} with
 * {@code .queue-status}, {@code .queue-open} and {@code .queue-retry}; {@code #result[data-item]} and
 * {@code #result-image} for the photo open in the editor.
 */
final class QueueRows {
    private final Browser browser;

    QueueRows(Browser browser) {
        this.browser = browser;
    }

    /** Puts all files into the file input at once, as choosing several files in the dialog does. */
    void upload(List<Path> files) {
        String paths = files.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining("\n"));
        browser.driver().findElement(By.id("file-input")).sendKeys(paths);
    }

    int count() {
        return browser.driver().findElements(By.cssSelector("#queue li")).size();
    }

    /** The CSS selector of the n-th row, 1-based. */
    static String row(int n) {
        return "#queue li:nth-child(" + n + ")";
    }

    String state(int n) {
        return browser.attribute(row(n), "data-state");
    }

    String status(int n) {
        return browser.text(row(n) + " .queue-status");
    }

    /** Waits until the n-th photo is done or has failed; returns which. */
    String awaitOutcome(int n, Duration timeout) {
        return browser.waitForAttribute(row(n), "data-state", s -> s.equals("done") || s.equals("error"), timeout);
    }

    /** The retry button of the n-th row, when shown. */
    WebElement retryButton(int n) {
        List<WebElement> found = browser.driver().findElements(By.cssSelector(row(n) + " .queue-retry"));
        return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    }

    /** Opens the n-th (done) photo in the editor and returns its cutout, decoded. */
    BufferedImage result(int n, Duration timeout) {
        String id = browser.attribute(row(n), "data-id");
        // #result-image is also the latest finished photo's (a batch photo finishing while another is open points it
        // there): the editor's data-item is cleared so that the wait below sees this opening's load, which points the
        // image back at the row's own cutout, and not the same photo still open from before.
        ((JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('result').removeAttribute('data-item');");
        browser.driver().findElement(By.cssSelector(row(n) + " .queue-open")).click();
        browser.waitForAttribute("#result", "data-item", id::equals, timeout);
        String url = browser.driver().findElement(By.cssSelector("#result-image")).getDomProperty("src");
        return CutoutPage.decodePng(browser.fetchBytes(url), "the cutout of row " + n);
    }
}
