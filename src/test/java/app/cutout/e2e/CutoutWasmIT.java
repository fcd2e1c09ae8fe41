package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The whole app on the CPU backend, as a person would use it: a bad file is refused with a message, a real photo
 * comes back as a correct cutout, and nothing leaves the machine.
 */
class CutoutWasmIT {
    @Test
    void removesTheBackgroundOnTheCpuAndSendsNothingAway() throws Exception {
        Path site = ProjectDirs.requireSite();
        Path photoFile = TestImages.astronaut();
        // Computed (or read from the cache) before the browser starts, so the two never compete for the 2 cores.
        ReferenceMask.Mask reference = ReferenceMask.of(photoFile);
        BufferedImage photo = ImageIO.read(photoFile.toFile());

        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, true);
                Browser browser = Browser.start()) {
            try {
                CutoutPage page = new CutoutPage(browser);
                page.open(server.url());
                page.choose("wasm", "quint8");

                String state = page.process(TestImages.notesPng(), Duration.ofMinutes(2));
                assertEquals("error", state, "a text file named notes.png must be refused");
                assertFalse(page.message().isEmpty(), "the refusal must say why in #message");
                System.out.println("notes.png refused with: " + page.message());

                state = page.process(photoFile, Duration.ofMinutes(5));
                assertEquals("done", state, "astronaut.png failed: " + page.message());
                assertEquals("wasm", page.backendInfo("backend"), "#backend-info data-backend");
                assertEquals("quint8", page.backendInfo("model"), "#backend-info data-model");
                // A CPU plan runs in ONNX Runtime's plain WebAssembly build, not the (larger, slower to start)
                // asyncify build inside the WebGPU bundle.
                assertEquals("wasm", page.backendInfo("runtime"), "#backend-info data-runtime");
                System.out.println("threads: " + page.backendInfo("threads"));

                BufferedImage cutout = page.result();
                Artifacts.save("CutoutWasmIT-astronaut.png", cutout);
                CutoutAssertions.assertSameSize(photo, cutout);
                CutoutAssertions.assertCornersTransparent(cutout, reference);
                CutoutAssertions.assertSubjectOpaque(cutout, reference);
                CutoutAssertions.assertIou(Masks.alpha(cutout), reference.alpha(), 0.98, "the JVM reference mask");
                CutoutAssertions.assertOpaqueRgbUnchanged(photo, cutout);

                assertTrue(browser.trap().requests().isEmpty(),
                        "the page tried to reach other hosts: " + browser.trap().requests());
                CutoutAssertions.assertOnlyStaticFiles(server.requests(), site);
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                System.out.println("server requests: " + server.requests());
                throw e;
            }
        }
    }
}
