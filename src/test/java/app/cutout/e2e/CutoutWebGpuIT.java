package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The app on the WebGPU backend. Headless Chromium here has only the SwiftShader adapter (WebGPU on the CPU), hence
 * the long timeout. No adapter at all is a failure, not a skip, since this
 * test exists to cover WebGPU.
 */
class CutoutWebGpuIT {
    /**
     * Longer than the ~1 minute one inference takes on SwiftShader when the machine is idle: a run measured 4.5
     * minutes from upload to done while parallel builds kept the 2-core machine at a load average near 18.
     */
    private static final Duration PROCESSING = Duration.ofMinutes(8);

    @Test
    void removesTheBackgroundOnWebGpu() throws Exception {
        Path site = ProjectDirs.requireSite();
        Path photoFile = TestImages.astronaut();
        ReferenceMask.Mask reference = ReferenceMask.of(photoFile);
        BufferedImage photo = ImageIO.read(photoFile.toFile());

        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, true);
                Browser browser = Browser.withWebGpu()) {
            try {
                CutoutPage page = new CutoutPage(browser);
                page.open(server.url());
                WebGpuProbe.Result probe = WebGpuProbe.run(browser);
                assertTrue(probe.available(), "No WebGPU adapter in this headless Chromium with "
                        + Browser.WEBGPU_FLAGS + " (" + probe + "); see WebGpuProbeIT");

                page.choose("webgpu", "quint8");
                String state = page.process(photoFile, PROCESSING);
                assertEquals("done", state, "astronaut.png failed on WebGPU: " + page.message());
                assertEquals("webgpu", page.backendInfo("backend"), "#backend-info data-backend (no silent fallback)");
                assertEquals("quint8", page.backendInfo("model"), "#backend-info data-model");

                BufferedImage cutout = page.result();
                Artifacts.save("CutoutWebGpuIT-astronaut.png", cutout);
                CutoutAssertions.assertSameSize(photo, cutout);
                CutoutAssertions.assertIou(Masks.alpha(cutout), reference.alpha(), 0.98, "the JVM reference mask");
                assertTrue(browser.trap().requests().isEmpty(),
                        "the page tried to reach other hosts: " + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                System.out.println("server requests: " + server.requests());
                throw e;
            }
        }
    }
}
