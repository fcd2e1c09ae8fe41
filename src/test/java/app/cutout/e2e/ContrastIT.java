package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * WCAG 2.1 AA contrast in the page's main states, light and dark colour scheme: every visible text at least 4.5:1
 * against what is behind it (3:1 for large text), the boundary of every control at least 3:1 against its
 * surroundings, and the focus ring of every Tab stop at least 3:1 against what is around it (1.4.3, 1.4.11).
 *
 * <p>Colours come from the computed style: text colour (with the opacity of its ancestors) over the backgrounds of its
 * ancestors composited bottom up, down to the canvas. Text over an image (none in this page) is reported, not judged.
 * Disabled controls are exempt, as WCAG says.
 *
 * <p>Along the way it saves a full-page screenshot of each state under {@code target/screenshots/}, for people to
 * look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContrastIT {
    private static final Duration RUN = Duration.ofMinutes(10);
    private StaticServer server;
    private Browser browser;
    private JavascriptExecutor js;
    private EditorPage editor;
    private final Set<String> failures = new LinkedHashSet<>();
    private int checked;

    @BeforeAll
    void start() throws IOException {
        server = StaticServer.start(ProjectDirs.requireSite(), "127.0.0.1", 0, true);
        browser = Browser.start();
        browser.driver().manage().window().setSize(new Dimension(1280, 1000));
        js = (JavascriptExecutor) browser.driver();
        editor = new EditorPage(browser);
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
    void everyTextControlAndFocusRingHasEnoughContrastInTheMainStates() throws IOException {
        new CutoutPage(browser).open(server.url() + "?backend=wasm&model=quint8&refine=0&lang=en");
        QueueRows queue = new QueueRows(browser);
        audit("empty page");
        screenshot("01-empty");

        queue.upload(List.of(TestImages.notesPng()));
        assertEquals("error", queue.awaitOutcome(1, RUN));
        // A file the browser cannot show gets the drawn "no preview" picture, not the broken-image sign.
        browser.waitForAttribute(QueueRows.row(1) + " img", "data-no-preview", v -> v != null, RUN);
        Object shown = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const img = document.querySelector(arguments[0] + ' img'), done = arguments[1];"
                        + " img.decode().then(() => done(img.naturalWidth), () => done(-1));",
                QueueRows.row(1));
        assertTrue(((Number) shown).intValue() > 0, "the no-preview picture loads: naturalWidth " + shown);
        queue.upload(List.of(TestImages.astronaut()));
        browser.waitForAttribute(QueueRows.row(2), "data-state", s -> s.equals("removing") || s.equals("done")
                || s.equals("error"), RUN);
        screenshot("02-queue-running");
        audit("queue running, an error row");

        assertEquals("done", queue.awaitOutcome(2, RUN), queue.status(2));
        editor.open(2);
        screenshot("03-result-checkerboard");
        audit("result on the checkerboard");

        editor.click(".swatch[data-color='#2648c9']");
        editor.tool("erase");
        editor.setRange("#brush-size", 40);
        editor.drag(new double[] {120, 300}, new double[] {380, 330});
        screenshot("04-editor-colour-and-stroke");
        audit("editor, colour background, a stroke");

        editor.click("#crop-enabled");
        editor.setRange("#crop-margin", 5);
        screenshot("05-crop");
        audit("crop box");

        js.executeScript("document.getElementById('storage-panel').open = true;");
        browser.waitForAttribute("#storage-usage", "data-model-bytes", v -> !v.equals("0"), Duration.ofMinutes(1));
        editor.click("#delete-models");
        screenshot("06-storage-panel");
        audit("storage panel, delete confirmation");
        editor.click("#delete-models-cancel");

        focusRings("light");
        dark(true);
        screenshot("07-dark");
        focusRings("dark");
        dark(false);

        browser.select("#language-select", "es");
        // Every line that was worded before the switch is worded again: status, backend, the offline panel.
        assertEquals("1 de 2 hechas · 1 archivo no se pudo abrir", browser.text("#status-text").trim());
        assertTrue(browser.text("#backend-info").trim().matches("Usando la CPU \\([0-9]+ hilos?\\) con el modelo de 8 "
                + "bits\\."), browser.text("#backend-info"));
        assertEquals("En línea", browser.text("#net-status").trim());
        // These two are worded after asking the caches, a moment later.
        awaitText("#offline-status", t -> t.startsWith("Listo para funcionar sin conexión: la aplicación y el modelo "
                + "de 8 bits"));
        awaitText("#storage-usage", t -> t.startsWith("Modelos guardados en este dispositivo: modelo de 8 bits "
                + "(44.3 MB). En total, Cutout usa"));
        assertEquals("Borrar los modelos descargados…", browser.text("#delete-models").trim());
        screenshot("08-spanish");
        audit("Spanish");
        browser.select("#language-select", "en");

        editor.click("#crop-enabled");
        editor.background("blur");
        editor.setRange("#bg-blur-amount", 60);
        screenshot("09-blurred-background");
        audit("blurred background");

        System.out.println("contrast: " + checked + " checks");
        failures.forEach(System.out::println);
        assertTrue(checked > 300, "the audit checked only " + checked + " things");
        assertEquals(List.of(), new ArrayList<>(failures), "contrast below WCAG AA");
    }

    /** Runs the audit in the light and the dark scheme. */
    private void audit(String state) {
        for (boolean dark : new boolean[] {false, true}) {
            dark(dark);
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) js.executeScript(AUDIT + "return audit();");
            checked += ((Number) result.get("checked")).intValue();
            for (Object failure : (List<?>) result.get("failures")) {
                failures.add((dark ? "dark" : "light") + ", " + state + ": " + failure);
            }
            System.out.printf("%s (%s): %s checks, %d below, %s over images%n", state, dark ? "dark" : "light",
                    result.get("checked"), ((List<?>) result.get("failures")).size(), result.get("overImages"));
        }
        dark(false);
    }

    /** Tabs through the whole page from the top; each stop's focus ring must show and stand out from around it. */
    private void focusRings(String scheme) {
        js.executeScript("window.scrollTo(0, 0); document.activeElement.blur();"
                + "document.querySelector('.skip').focus();");
        Set<String> seen = new LinkedHashSet<>();
        Actions keys = new Actions(browser.driver());
        for (int i = 0; i < 120; i++) {
            keys.sendKeys(Keys.TAB).perform();
            @SuppressWarnings("unchecked")
            Map<String, Object> ring = (Map<String, Object>) js.executeScript(AUDIT + "return focusRing();");
            String name = (String) ring.get("name");
            // Past the last control focus leaves the page (the body is active): the walk is done.
            if (name.startsWith("body") || !seen.add(name)) {
                break;
            }
            checked++;
            if (ring.get("failure") != null) {
                failures.add(scheme + ", focus ring: " + ring.get("failure"));
            }
        }
        System.out.println("focus rings (" + scheme + "): " + seen.size() + " stops");
        assertTrue(seen.size() > 25, "Tab reached only " + seen);
    }

    private void awaitText(String css, Predicate<String> accept) {
        try {
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> accept.test(browser.text(css)));
        } catch (TimeoutException e) {
            throw new AssertionError(css + " says: " + browser.text(css), e);
        }
    }

    /** Switches the colour scheme and waits until the colours' transitions (drop zone) have run. */
    private void dark(boolean on) {
        ((ChromiumDriver) browser.driver()).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", on ? "dark" : "light"))));
        js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "requestAnimationFrame(() => Promise.all(document.getAnimations().map(a => a.finished))"
                + ".then(() => done(), () => done()));");
    }

    private void screenshot(String name) throws IOException {
        Map<String, Object> shot = ((ChromiumDriver) browser.driver()).executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Path file = ProjectDirs.root().resolve("target/screenshots/" + name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        System.out.println("screenshot " + file);
    }

    /** The page-side audit: {@code audit()} for text and controls, {@code focusRing()} for the focused element. */
    private static final String AUDIT = """
            const parse = (c) => {
              let m = /^rgba?\\(([^)]*)\\)$/.exec(c);
              if (m) {
                const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(parseFloat);
                return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
              }
              m = /^color\\(srgb ([^)]*)\\)$/.exec(c);
              if (m) {
                const p = m[1].split(/[\\s\\/]+/).filter(Boolean).map(parseFloat);
                return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
              }
              return null;
            };
            const over = (top, bottom) => {
              const a = top[3] + bottom[3] * (1 - top[3]);
              return [0, 1, 2].map(i => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
            };
            const luminance = (c) => {
              const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
            };
            const ratio = (a, b) => {
              const x = luminance(a), y = luminance(b);
              return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
            };
            const hex = (c) => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
            const canvasColour = () => matchMedia('(prefers-color-scheme: dark)').matches
                ? [18, 18, 18, 1] : [255, 255, 255, 1];
            // What is behind an element's content (with its own background) or behind the element (without).
            const backdrop = (el, own) => {
              const layers = [];
              let image = false;
              for (let e = own ? el : el.parentElement; e; e = e.parentElement) {
                const s = getComputedStyle(e);
                if (s.backgroundImage !== 'none') image = true;
                const c = parse(s.backgroundColor);
                if (c && c[3] > 0) layers.push(c);
                if (c && c[3] >= 1) break;
              }
              let colour = canvasColour();
              for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
              return {colour, image};
            };
            const opacity = (el) => {
              let o = 1;
              for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
              return o;
            };
            const name = (el) => {
              const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 40);
              return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                  + (el.classList.length ? '.' + [...el.classList].join('.') : '') + (text ? ' "' + text + '"' : '');
            };
            const shown = (el) => {
              if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
              const r = el.getBoundingClientRect();
              return r.width > 1 && r.height > 1 && r.right > 0 && r.left < document.documentElement.clientWidth;
            };
            function audit() {
              const failures = [];
              let checked = 0, overImages = 0;
              const text = (el, style, what) => {
                const bg = backdrop(el, true);
                if (bg.image) { overImages++; return; }
                const fg = parse(style.color);
                const effective = over([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg.colour);
                const size = parseFloat(style.fontSize), weight = parseInt(style.fontWeight, 10);
                const large = size >= 24 || (size >= 18.66 && weight >= 700);
                const need = large ? 3 : 4.5;
                const r = ratio(effective, bg.colour);
                checked++;
                if (r < need) failures.push(what + ': text ' + hex(effective) + ' on ' + hex(bg.colour) + ' = '
                    + r.toFixed(2) + ' < ' + need);
              };
              for (const el of document.body.querySelectorAll('*')) {
                if (['SCRIPT', 'STYLE', 'OPTION', 'NOSCRIPT', 'svg'].includes(el.tagName)) continue;
                const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                const field = el.tagName === 'SELECT' || (el.tagName === 'INPUT' && el.type === 'file');
                if ((!own && !field) || !shown(el) || el.closest(':disabled')) continue;
                text(el, getComputedStyle(el), name(el));
                if (el.tagName === 'INPUT' && el.type === 'file') {
                  const button = getComputedStyle(el, '::file-selector-button');
                  const bg = over(parse(button.backgroundColor), backdrop(el, true).colour);
                  const r = ratio(parse(button.color), bg);
                  checked++;
                  if (r < 4.5) failures.push(name(el) + '::file-selector-button: text ' + button.color + ' on '
                      + hex(bg) + ' = ' + r.toFixed(2) + ' < 4.5');
                }
              }
              // Boundaries of controls (1.4.11): the border or the fill of the control must stand out, or, for a
              // control drawn as part of a card (a queue entry's thumbnail button), the card's.
              const boundary = (el) => {
                const s = getComputedStyle(el);
                const outside = backdrop(el, false).colour;
                const inside = backdrop(el, true).colour;
                const border = parseFloat(s.borderTopWidth) > 0 ? parse(s.borderTopColor) : null;
                const r = Math.max(ratio(inside, outside), border ? ratio(over(border, outside), outside) : 0);
                return {r, text: (border ? s.borderTopColor : 'no border') + ' / fill ' + hex(inside) + ' on '
                    + hex(outside)};
              };
              for (const el of document.body.querySelectorAll('select, input[type=file], button')) {
                if (!shown(el) || el.closest(':disabled')) continue;
                let b = boundary(el);
                if (el.type === 'file') {
                  // What identifies a file input is its button.
                  const button = getComputedStyle(el, '::file-selector-button');
                  const outside = backdrop(el, true).colour;
                  const fill = over(parse(button.backgroundColor), outside);
                  const border = parseFloat(button.borderTopWidth) > 0 ? parse(button.borderTopColor) : null;
                  const r = Math.max(ratio(fill, outside), border ? ratio(over(border, outside), outside) : 0);
                  if (r > b.r) b = {r, text: 'file button ' + button.borderTopColor + ' / ' + hex(fill) + ' on '
                      + hex(outside)};
                }
                for (let e = el.parentElement, up = 0; b.r < 3 && e && up < 2; e = e.parentElement, up++) {
                  const card = boundary(e);
                  if (card.r >= 3) b = card;
                }
                checked++;
                if (b.r < 3) failures.push(name(el) + ': boundary ' + b.text + ' = ' + b.r.toFixed(2) + ' < 3');
              }
              return {checked, failures, overImages};
            }
            function focusRing() {
              const el = document.activeElement;
              const s = getComputedStyle(el);
              const result = {name: name(el)};
              const width = parseFloat(s.outlineWidth);
              if (s.outlineStyle === 'none' || width < 2) {
                result.failure = result.name + ': no visible focus ring (outline ' + s.outlineStyle + ' ' + width
                    + 'px)';
                return result;
              }
              const ring = parse(s.outlineColor);
              const outside = backdrop(el, false).colour;
              const r = ratio(over(ring, outside), outside);
              if (r < 3) result.failure = result.name + ': ring ' + hex(ring) + ' on ' + hex(outside) + ' = '
                  + r.toFixed(2) + ' < 3';
              return result;
            }
            """;
}
