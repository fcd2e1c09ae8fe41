package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.ByteSource;
import app.cutout.core.image.Intake;
import app.cutout.core.image.PhotoSource;
import app.cutout.core.image.Refusal;
import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * Fifty mutated files ({@link FuzzedFiles}, fixed seed) chosen at once, one queue, in Chromium with the real model:
 * files the intake accepts (some of which the browser then cannot decode), files it refuses, and truncated ones.
 * Every row must end as a result or a message (none stuck, none left waiting after a worker died), the page must
 * answer throughout (a timer in the page never waits more than {@link #MAX_GAP_MS}, and switching the language
 * mid-run rewords the page), and the status line afterwards must count the list as it stands: "N of 50 done · M
 * files could not be opened", in state {@code done} when anything came out, with no alert claiming a failure. Then
 * a batch of three refused files, of which nothing comes out, ends in {@code error} with one alert that says so.
 */
class FuzzedQueueIT {
    private static final int FILES = 50;
    /** How many of the fifty are bit flips or new lengths the intake accepts; each that decodes costs a model run. */
    private static final int ACCEPTED = 16;
    /** How many are cut short (the intake accepts most: it reads the header, the decoder finds the end missing). */
    private static final int TRUNCATED = 14;
    /** The whole queue, on a loaded 2-core machine: the files the browser decodes each cost a run of the model. */
    private static final Duration QUEUE = Duration.ofMinutes(25);
    /** A generous bound: a page that blocks its main thread on a file stalls for far longer. */
    private static final double MAX_GAP_MS = 2000;
    private static final Pattern LINE = Pattern.compile("([0-9]+) of ([0-9]+) done"
            + "(?: · ([0-9]+) files? could not be opened)?(?: · ([0-9]+) photos? failed)?");

    /** One file of the queue: what it was made from, and what the intake on the JVM says of it. */
    private record Fuzzed(Path file, String format, String mutation, String intake) {
    }

    @Test
    void everyFileEndsAsAResultOrAMessageWhileThePageStaysResponsive() throws IOException {
        List<Fuzzed> cases = write(ProjectDirs.root().resolve("target/fuzzed-queue"));
        Map<String, Integer> byIntake = new LinkedHashMap<>();
        cases.forEach(c -> byIntake.merge(c.intake(), 1, Integer::sum));
        System.out.println("FuzzedQueueIT: " + cases.size() + " files, intake on the JVM: " + byIntake);

        try (StaticServer server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
                Browser browser = Browser.start()) {
            try {
                browser.driver().manage().window().setSize(new Dimension(1280, 1000));
                JavascriptExecutor js = (JavascriptExecutor) browser.driver();
                new CutoutPage(browser).open(server.url() + "?backend=wasm&model=quint8&refine=0&lang=en");
                js.executeScript(HEARTBEAT);
                QueueRows queue = new QueueRows(browser);
                long start = System.nanoTime();
                queue.upload(cases.stream().map(Fuzzed::file).toList());
                assertEquals(FILES, queue.count(), "one queue entry per file");

                // Mid-run, a control answers: the language switch rewords the page while the queue goes on.
                queue.awaitOutcome(1, QUEUE);
                long asked = System.nanoTime();
                browser.select("#language-select", "es");
                browser.waitForAttribute("html", "lang", "es", Duration.ofMinutes(1));
                double answeredMs = (System.nanoTime() - asked) / 1e6;
                int pending = pending(queue);
                browser.select("#language-select", "en");
                browser.waitForAttribute("html", "lang", "en", Duration.ofMinutes(1));
                System.out.printf("FuzzedQueueIT: the language switch answered in %.0f ms with %d rows still to "
                        + "finish%n", answeredMs, pending);

                int done = 0;
                int notDone = 0;
                Map<String, Integer> outcomes = new LinkedHashMap<>();
                for (int row = 1; row <= FILES; row++) {
                    Duration left = QUEUE.minusNanos(System.nanoTime() - start);
                    String state = queue.awaitOutcome(row, left.isNegative() ? Duration.ofSeconds(1) : left);
                    String status = queue.status(row).trim();
                    Fuzzed c = cases.get(row - 1);
                    System.out.printf("%-34s %-18s %-5s %s%n", c.file().getFileName(), c.intake(), state, status);
                    if (state.equals("done")) {
                        done++;
                        outcomes.merge("done", 1, Integer::sum);
                    } else {
                        notDone++;
                        outcomes.merge(kind(status), 1, Integer::sum);
                        assertTrue(status.endsWith("."), "row " + row + " says why in a full sentence: " + status);
                        assertFalse(status.startsWith("Something went wrong"), "row " + row + " has a failure "
                                + "the app has no words for: " + status);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double worstGap = ((Number) js.executeScript("return window.__heartbeat.worst;")).doubleValue();
                long beats = ((Number) js.executeScript("return window.__heartbeat.beats;")).longValue();
                @SuppressWarnings("unchecked")
                List<String> states = (List<String>) js.executeScript("return window.__heartbeat.states;");
                @SuppressWarnings("unchecked")
                List<String> alerts = (List<String>) js.executeScript("return window.__heartbeat.alerts;");
                screenshot(browser, "FuzzedQueueIT-end");
                System.out.printf("FuzzedQueueIT: %d files in %.1f s: %d done, %d not; worst gap of the page's "
                        + "timer %.0f ms over %d beats%n", FILES, seconds, done, notDone, worstGap, beats);
                outcomes.forEach((what, n) -> System.out.printf("  %3d  %s%n", n, what));

                assertTrue(worstGap < MAX_GAP_MS, "the page stalled for " + worstGap + " ms");
                assertFalse(states.contains("error"), "the status never said the batch failed: " + states);
                assertEquals(List.of(), alerts, "no alert while the batch ran");
                assertTrue(done > 0, "some fuzzed files are intact enough to come out");
                assertTrue(notDone > 0, "some fuzzed files cannot be used");
                assertEquals("done", browser.attribute("#status", "data-state"),
                        "a batch where some photos came out has not failed: " + browser.text("#status-text"));
                assertLine(browser, done, FILES, notDone);
                assertEquals("", browser.text("#message").trim(), "no alert claims the batch failed");

                // Every result is a real cutout of its file.
                for (int row = 1; row <= FILES; row++) {
                    if (queue.state(row).equals("done")) {
                        BufferedImage cutout = queue.result(row, Duration.ofMinutes(2));
                        assertTrue(cutout.getWidth() > 0 && cutout.getHeight() > 0, "row " + row);
                    }
                }

                // A batch of which nothing can be used has failed, and the alert says so once (the last row and the
                // status line change together).
                List<Path> refused = cases.stream().filter(c -> !c.intake().equals("accepted")).limit(3)
                        .map(Fuzzed::file).toList();
                queue.upload(refused);
                for (int row = FILES + 1; row <= FILES + refused.size(); row++) {
                    assertEquals("error", queue.awaitOutcome(row, Duration.ofMinutes(5)), queue.status(row));
                }
                assertEquals("error", browser.attribute("#status", "data-state"), browser.text("#status-text"));
                assertEquals("None of these 3 files could be used; the list says why for each.",
                        browser.text("#message").trim());
                assertLine(browser, done, FILES + refused.size(), notDone + refused.size());
                assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: "
                        + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                throw e;
            }
        }
    }

    /**
     * The fifty files, always the same: mutations of the small seeds in turn, taken in the order the generator made
     * them until there are {@link #ACCEPTED} that the intake on the JVM accepts, {@link #TRUNCATED} cut short, and
     * the rest that it refuses (empty, too large, too long).
     */
    private static List<Fuzzed> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, byte[]> seeds = FuzzedFiles.seeds();
        List<String> formats = new ArrayList<>(seeds.keySet());
        Random random = new Random(20261206L);
        int accepted = 0;
        int truncated = 0;
        int refused = 0;
        List<Fuzzed> cases = new ArrayList<>();
        for (int i = 0; cases.size() < FILES; i++) {
            String format = formats.get(i % formats.size());
            String mutation = FuzzedFiles.MUTATIONS[random.nextInt(FuzzedFiles.MUTATIONS.length)];
            byte[] bytes = FuzzedFiles.mutate(mutation, seeds.get(format), format, random);
            String name = String.format("%02d-%s-%s.%s", cases.size() + 1, mutation, format, format);
            String intake;
            try {
                String type = format.equals("jpg") ? "image/jpeg" : "image/" + format;
                Intake.check(PhotoSource.of(name, type, ByteSource.of(bytes)), 0, 0);
                intake = "accepted";
            } catch (Refusal e) {
                intake = e.code;
            }
            boolean take;
            if (mutation.contains("truncate")) {
                take = truncated++ < TRUNCATED;
            } else if (intake.equals("accepted")) {
                take = accepted++ < ACCEPTED;
            } else {
                take = refused++ < FILES - ACCEPTED - TRUNCATED;
            }
            if (take) {
                Path file = dir.resolve(name);
                Files.write(file, bytes);
                cases.add(new Fuzzed(file, format, mutation, intake));
            }
        }
        return cases;
    }

    /** The status line is "DONE of TOTAL done · N files could not be opened · M photos failed", N + M = notDone. */
    private static void assertLine(Browser browser, int done, int total, int notDone) {
        String line = browser.text("#status-text").trim();
        Matcher m = LINE.matcher(line);
        assertTrue(m.matches(), "the status line counts the list: " + line);
        assertEquals(done, Integer.parseInt(m.group(1)), line);
        assertEquals(total, Integer.parseInt(m.group(2)), line);
        int refused = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int failed = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        assertEquals(notDone, refused + failed, line);
    }

    /** A row's message without its file name, format, numbers and advice, so alike ones count together. */
    private static String kind(String status) {
        String kind = status.replaceAll("“[^”]*”", "“…”").replaceAll(" \\([A-Za-z]+\\)", "")
                .replaceAll("[0-9][0-9.]*", "N");
        Matcher end = Pattern.compile("[:;.]").matcher(kind);
        return end.find() ? kind.substring(0, end.start()) : kind;
    }

    private static int pending(QueueRows queue) {
        int n = 0;
        for (int row = 1; row <= FILES; row++) {
            String state = queue.state(row);
            if (!state.equals("done") && !state.equals("error")) {
                n++;
            }
        }
        return n;
    }

    private static void screenshot(Browser browser, String name) throws IOException {
        Map<String, Object> shot = ((ChromiumDriver) browser.driver()).executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Path file = ProjectDirs.root().resolve("target/screenshots/" + name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        System.out.println("screenshot " + file);
    }

    /**
     * A timer in the page that records the longest wait between its beats (50 ms apart when the page is free), and
     * every {@code #status[data-state]} and non-empty {@code #message} from now on.
     */
    private static final String HEARTBEAT = """
            const h = { last: performance.now(), worst: 0, beats: 0, states: [], alerts: [] };
            window.__heartbeat = h;
            const status = document.getElementById('status');
            new MutationObserver(() => h.states.push(status.getAttribute('data-state')))
              .observe(status, { attributes: true, attributeFilter: ['data-state'] });
            const message = document.getElementById('message');
            new MutationObserver(() => { if (message.textContent.trim()) h.alerts.push(message.textContent); })
              .observe(message, { childList: true, characterData: true, subtree: true });
            const beat = () => {
              const now = performance.now();
              h.worst = Math.max(h.worst, now - h.last);
              h.last = now;
              h.beats++;
              setTimeout(beat, 50);
            };
            setTimeout(beat, 50);
            """;
}
