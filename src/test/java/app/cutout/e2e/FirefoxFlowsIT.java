package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.pipeline.Notice;
import app.cutout.core.text.Texts;

/**
 * The main flows in Firefox ESR (Debian's firefox-esr, driven over WebDriver BiDi by {@link FirefoxBrowser}). Firefox
 * has no WebGPU here, so it runs on the CPU, with threads: it is isolated and has {@code SharedArrayBuffer}.
 */
class FirefoxFlowsIT extends MainFlows {
    @Override
    FlowPage startBrowser() {
        return FirefoxBrowser.start();
    }

    @Override
    void checkBackend(String threads, String note) {
        int cores = ((Number) page.script("return navigator.hardwareConcurrency;")).intValue();
        assertTrue(Integer.parseInt(threads) == Math.min(8, cores) && (cores == 1 || Integer.parseInt(threads) > 1),
                "#backend-info data-threads " + threads + " with " + cores + " cores");
        Texts.use("en");
        assertFalse(note.contains(Texts.notice(Notice.NO_SHARED_MEMORY, new Object[0])), note);
    }
}
