package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proves that {@link Browser#WEBGPU_FLAGS} give headless Chromium a (SwiftShader) WebGPU adapter on the page and in
 * a dedicated worker, and that without them there is none: the WebGPU end-to-end test relies on both facts.
 */
class WebGpuProbeIT {
    private static final String PAGE = "<!doctype html><title>probe</title><p>WebGPU probe</p>";

    @Test
    void webGpuFlagsGiveAnAdapterOnThePageAndInAWorker() {
        try (LocalPage site = LocalPage.serve(Map.of("/", PAGE)); Browser browser = Browser.withWebGpu()) {
            browser.open(site.url("/"));
            WebGpuProbe.Result result = WebGpuProbe.run(browser);
            System.out.println("WebGPU with " + Browser.WEBGPU_FLAGS + ": " + result);
            assertTrue(result.available(), "no WebGPU adapter with " + Browser.WEBGPU_FLAGS + ": " + result);
        }
    }

    @Test
    void plainBrowserHasNoAdapter() {
        try (LocalPage site = LocalPage.serve(Map.of("/", PAGE)); Browser browser = Browser.start()) {
            browser.open(site.url("/"));
            WebGpuProbe.Result result = WebGpuProbe.run(browser);
            System.out.println("WebGPU without flags: " + result);
            assertFalse(result.page().startsWith("ok"), "unexpected adapter without WebGPU flags: " + result);
        }
    }
}
