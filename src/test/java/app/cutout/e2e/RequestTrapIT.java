package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proves the harness itself: the trap catches off-machine requests, loopback bypasses it, blobs can be read. */
class RequestTrapIT {
    private static final String PAGE = """
            <!doctype html><title>trap</title><pre id="out" data-done="false"></pre>
            <script>
            const tries = ['http://example.invalid/x', 'https://example.com/'].map(url =>
              fetch(url, { mode: 'no-cors' }).then(() => url + ' answered', e => url + ' failed: ' + e));
            Promise.all(tries).then(lines => {
              const out = document.getElementById('out');
              out.textContent = lines.join('\\n');
              window.blobUrl = URL.createObjectURL(new Blob([new Uint8Array([0, 1, 2, 250, 255])]));
              out.dataset.done = 'true';
            });
            </script>
            """;

    @Test
    void trapCatchesOffMachineRequestsAndLoopbackBypassesIt() {
        try (LocalPage site = LocalPage.serve(Map.of("/", PAGE)); Browser browser = Browser.start()) {
            try {
                browser.open(site.url("/"));
                browser.waitForAttribute("#out", "data-done", "true", Duration.ofSeconds(30));

                List<RequestTrap.Trapped> caught = browser.trap().requests();
                assertTrue(caught.stream().anyMatch(r -> r.requestLine().startsWith("GET http://example.invalid/x ")),
                        "plain HTTP request not trapped: " + caught);
                assertTrue(caught.stream().anyMatch(r -> r.requestLine().startsWith("CONNECT example.com:443 ")),
                        "HTTPS tunnel not trapped: " + caught);
                assertTrue(caught.stream().noneMatch(r -> r.host().startsWith("127.0.0.1")),
                        "loopback went through the proxy: " + caught);
                assertEquals(2, caught.size(), "the browser sent something else off the machine: " + caught);

                String blobUrl = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                        .executeScript("return window.blobUrl");
                assertArrayEquals(new byte[] {0, 1, 2, (byte) 250, (byte) 255}, browser.fetchBytes(blobUrl));
                assertEquals(PAGE, new String(browser.fetchBytes(site.url("/")), StandardCharsets.UTF_8));
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                throw e;
            }
        }
    }
}
