package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A batch on the CPU in Chromium, with the real model: two photos are worked on at once, each on half the threads
 * ({@code core.pipeline.QueueLanes}), their cutouts are the same as one photo's alone on every thread, and afterwards
 * a single worker with every thread has its session ready before the next photo comes (the preload from the stored
 * model), so that photo waits for no session. While the photos run, the page's progress bars leave the page's main
 * thread alone (see {@link #MOTION}).
 */
class BatchLanesIT {
    private static final Duration RUN = Duration.ofMinutes(10);
    /** Records, on every change of a queue row, how many rows are being worked on at that moment. */
    private static final String WATCH = "window.__lanes = { max: 0 };"
            + " const busy = () => [...document.querySelectorAll('#queue li')].filter(li =>"
            + " ['preparing', 'loading-model', 'removing', 'finishing'].includes(li.getAttribute('data-state'))).length;"
            + " new MutationObserver(() => { window.__lanes.max = Math.max(window.__lanes.max, busy()); })"
            + ".observe(document.getElementById('queue'), { subtree: true, attributes: true, childList: true });";

    /**
     * What moves on the page while photos run: the progress bars shown that the browser's theme draws (Chromium
     * animates a bar with no value by repainting the page 8 times a second), then each running animation as its name,
     * animated properties and timing; one that animates anything but opacity or transform (which the compositor runs
     * without the page), or smoothly (a frame at every display refresh), is marked with "!".
     */
    private static final String MOTION = "const shown = [...document.querySelectorAll('progress')]"
            + ".filter(p => p.getClientRects().length);"
            + " const themed = shown.filter(p => getComputedStyle(p).appearance !== 'none').length;"
            + " const running = document.getAnimations().filter(a => a.playState === 'running').map(a => {"
            + "  const frames = a.effect.getKeyframes();"
            + "  const props = [...new Set(frames.flatMap(f => Object.keys(f)))]"
            + "   .filter(k => !['offset', 'computedOffset', 'easing', 'composite'].includes(k));"
            + "  const easing = frames.length ? frames[0].easing : a.effect.getTiming().easing;"
            + "  const cheap = props.every(k => k === 'opacity' || k === 'transform') && easing.startsWith('steps(');"
            + "  return (a.animationName || 'script') + ' [' + props.join(',') + '] ' + easing + (cheap ? '' : ' !'); });"
            + " return 'themed ' + themed + '; ' + shown.length + ' bars; ' + running.join('; ');";

    @Test
    void aBatchRunsTwoAtATimeWithTheSameCutoutsAndThenOnePhotoGetsEveryThreadAgain() throws IOException {
        try (StaticServer server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
                Browser browser = Browser.start()) {
            CutoutPage page = new CutoutPage(browser);
            page.open(server.url() + "?backend=wasm&model=quint8&threads=2&lang=en");
            QueueRows queue = new QueueRows(browser);
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();

            queue.upload(List.of(TestImages.coffee()));
            assertEquals("done", queue.awaitOutcome(1, RUN), queue.status(1));
            byte[] alone = Masks.alpha(queue.result(1, RUN));
            assertEquals("2", page.backendInfo("threads"));

            js.executeScript(WATCH);
            List<Path> batch = List.of(TestImages.astronaut(), TestImages.coffee(), TestImages.chelsea(),
                    TestImages.photo("messi5.jpg"));
            queue.upload(batch);
            browser.waitForAttribute(QueueRows.row(2), "data-state", "removing", RUN);
            String motion = (String) js.executeScript(MOTION);
            System.out.println("BatchLanesIT: while photos run: " + motion);
            assertTrue(motion.startsWith("themed 0;"), "a progress bar drawn by the browser's theme: " + motion);
            assertTrue(motion.contains("progress-busy [opacity] steps("), "the busy bars' own animation: " + motion);
            assertFalse(motion.contains("!"), "an animation the page must repaint for, or a smooth one: " + motion);
            for (int n = 2; n <= 1 + batch.size(); n++) {
                assertEquals("done", queue.awaitOutcome(n, RUN), queue.status(n));
            }
            long most = ((Number) js.executeScript("return window.__lanes.max;")).longValue();
            System.out.println("BatchLanesIT: at most " + most + " photos at once");
            assertEquals(2, most, "two photos of the batch at once, never more");
            byte[] inBatch = Masks.alpha(queue.result(3, RUN));
            double iou = Masks.iou(alone, inBatch);
            System.out.printf("BatchLanesIT: coffee alone on 2 threads vs in the batch on 1: IoU %.5f%n", iou);
            assertTrue(iou > 0.999, "the same cutout on half the threads: IoU " + iou);
            assertEquals("2", page.backendInfo("threads"), "the page still says the threads the user has");

            // Back to one worker with every thread, its session started from the stored model before this photo.
            queue.upload(List.of(TestImages.chelsea()));
            int last = 2 + batch.size();
            assertEquals("done", queue.awaitOutcome(last, RUN), queue.status(last));
            String timings = browser.attribute("#timings", "data-timings");
            assertFalse(timings.contains("session_ms"), "the photo after the batch waited for a session: " + timings);
            assertTrue(timings.contains("inference_ms"), timings);
            BufferedImage chelsea = queue.result(last, RUN);
            assertEquals(Masks.alpha(queue.result(4, RUN)).length, Masks.alpha(chelsea).length);
        }
    }
}
