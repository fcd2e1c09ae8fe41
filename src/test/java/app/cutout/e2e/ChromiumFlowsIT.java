package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/**
 * The main flows of {@link MainFlows} in Chromium too, so the same code runs in all three engines (Chromium also runs
 * every other browser test). The usual {@link Browser}: Debian's Chromium and chromedriver, {@code --proxy-server}
 * at the trap.
 */
class ChromiumFlowsIT extends MainFlows {
    @Override
    FlowPage startBrowser() {
        Browser browser = Browser.start();
        return new WebDriverPage(browser.driver()) {
            @Override
            public String engine() {
                return "chromium";
            }

            @Override
            public RequestTrap trap() {
                return browser.trap();
            }

            @Override
            public List<String> diagnostics() {
                List<String> lines = new ArrayList<>(List.of("---- console ----"));
                lines.addAll(browser.consoleLog());
                return lines;
            }

            @Override
            public void close() {
                browser.close();
            }
        };
    }

    @Override
    void checkBackend(String threads, String note) {
        int cores = ((Number) page.script("return navigator.hardwareConcurrency;")).intValue();
        assertEquals(Integer.toString(Math.min(8, cores)), threads, "#backend-info data-threads");
    }
}
