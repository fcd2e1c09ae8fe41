package app.cutout.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One page in a browser engine, as the cross-engine flows ({@link MainFlows}) drive it: the few operations every
 * driver offers (Selenium WebDriver for WebKitGTK, WebDriver BiDi for Firefox), everything else in page scripts.
 *
 * <p>Scripts are function bodies: {@link #script} returns the body's {@code return} value; {@link #asyncScript} hands
 * the body a {@code done(value)} callback. Both see their arguments as {@code arguments[0..]}.
 */
interface FlowPage extends AutoCloseable {
    /** The engine's name for messages and artifact files. */
    String engine();

    void open(String url);

    void reload();

    Object script(String body, Object... args);

    Object asyncScript(String body, Object... args);

    /** Puts the files into the {@code <input type=file>} at once, as a multiple choice in the dialog does. */
    void upload(String css, List<Path> files);

    /** Presses the left button at {@code from}, moves in ten steps to {@code to} and releases; viewport CSS pixels. */
    void drag(int[] from, int[] to);

    byte[] screenshotPng();

    /** The request trap the browser's proxy settings point at. */
    RequestTrap trap();

    /** What helps to understand a failure (console, driver notes), printed on failure. */
    List<String> diagnostics();

    @Override
    void close();

    // ---- shared helpers on top of the primitives ----

    default String attribute(String css, String name) {
        return (String) script("const e = document.querySelector(arguments[0]);"
                + " return e ? e.getAttribute(arguments[1]) : null;", css, name);
    }

    /** The element's rendered text (innerText), trimmed; null when there is no such element. */
    default String text(String css) {
        Object text = script("const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;",
                css);
        return (String) text;
    }

    default void click(String css) {
        Object found = script("const e = document.querySelector(arguments[0]); if (!e) return false;"
                + " e.scrollIntoView({block: 'center'}); e.click(); return true;", css);
        if (!Boolean.TRUE.equals(found)) {
            throw new AssertionError("no element " + css + " to click");
        }
    }

    /** Chooses a {@code <select>} option and fires {@code change}, as a person's choice would. */
    default void select(String css, String value) {
        script("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('input', {bubbles: true}));"
                + " e.dispatchEvent(new Event('change', {bubbles: true}));", css, value);
    }

    /** Waits until the element's attribute satisfies {@code accept}; returns the value. */
    default String waitForAttribute(String css, String name, Predicate<String> accept, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (true) {
            last = attribute(css, name);
            if (last != null && accept.test(last)) {
                return last;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError(engine() + ": timed out after " + timeout + " waiting for " + css + "["
                        + name + "]; last value: " + last);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Waits until a JavaScript expression is truthy in the page. */
    default void waitUntil(String expression, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(script("return !!(" + expression + ");"))) {
            if (System.nanoTime() > end) {
                throw new AssertionError(engine() + ": timed out after " + timeout + " waiting for " + expression);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Fetches a URL inside the page (blob: URLs too) and returns its body; bytes cross as base64. */
    default byte[] fetchBytes(String url) {
        Object result = asyncScript("""
                fetch(arguments[0])
                  .then(r => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.arrayBuffer(); })
                  .then(buffer => {
                    const bytes = new Uint8Array(buffer);
                    let binary = '';
                    for (let i = 0; i < bytes.length; i += 0x8000) {
                      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
                    }
                    done({ base64: btoa(binary) });
                  })
                  .catch(e => done({ error: String(e) }));
                """, url);
        if (!(result instanceof Map<?, ?> map) || !(map.get("base64") instanceof String base64)) {
            throw new AssertionError(engine() + ": fetching " + url + " in the page failed: "
                    + (result instanceof Map<?, ?> m ? m.get("error") : result));
        }
        return Base64.getDecoder().decode(base64);
    }
}
