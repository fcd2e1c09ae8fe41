package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.pipeline.Notice;
import app.cutout.core.text.Texts;

/**
 * The main flows in WebKitGTK, Safari's engine (Debian's WebKitWebDriver and MiniBrowser under an Xvfb of the
 * test's own). WebKitGTK reports {@code crossOriginIsolated} but has no {@code SharedArrayBuffer}, so ONNX Runtime
 * runs one thread: the page must say 1 thread, not the count it would have asked for, and explain why.
 */
class WebKitFlowsIT extends MainFlows {
    @Override
    FlowPage startBrowser() {
        return WebKitBrowser.start();
    }

    @Override
    void checkBackend(String threads, String note) {
        assertEquals(Boolean.TRUE, page.script("return self.crossOriginIsolated;"), "WebKitGTK says it is isolated");
        assertEquals("undefined", page.script("return typeof SharedArrayBuffer;"), "and has no SharedArrayBuffer");
        assertEquals("1", threads, "#backend-info data-threads: ONNX Runtime runs one thread here");
        Texts.use("en");
        String expected = Texts.notice(Notice.NO_SHARED_MEMORY, new Object[0]);
        assertTrue(note.contains(expected), "the note explains the single thread: \"" + note + "\"");
        assertTrue(page.text("#backend-info").contains("1 thread"), page.text("#backend-info"));
        // Worded again in the user's language when it changes.
        page.select("#language-select", "es");
        Texts.use("es");
        String spanish = Texts.notice(Notice.NO_SHARED_MEMORY, new Object[0]);
        Texts.use("en");
        assertTrue(page.text("#note").contains(spanish), "in Spanish: \"" + page.text("#note") + "\"");
        assertTrue(page.text("#backend-info").contains("1 hilo"), page.text("#backend-info"));
        page.select("#language-select", "en");
        assertTrue(page.text("#note").contains(expected), page.text("#note"));
    }
}
