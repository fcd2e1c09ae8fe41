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
 * comes back as a correct cutout, and nothing leaves the machine. Before any photo the engine is warmed up, and the
 * cutout that follows is still ISNet's.
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
                page.open(server.url() + "?backend=wasm&model=quint8");
                // Before any photo the worker warms ONNX Runtime's WebAssembly up on a stand-in model
                // (core.onnx.WarmupModel), with nothing downloaded; the photo below must come out as it would without.
                String runs = browser.waitForAttribute("#backend-info", "data-warmup-runs", v -> v != null,
                        Duration.ofMinutes(2));
                System.out.println("warm-up: " + runs + " runs in " + page.backendInfo("warmup-ms") + " ms");
                assertTrue(Integer.parseInt(runs) >= 1, "runs " + runs);
                // Nobody waits, so the stand-in uses its whole budget and the wide stand-in (ISNet's largest
                // buffers) runs after it: its failure would otherwise pass unseen, as warm-up failures are harmless.
                assertEquals("true", page.backendInfo("warmup-wide"), "#backend-info data-warmup-wide");
                assertFalse(server.requests().stream().anyMatch(r -> r.contains("isnet")),
                        "warming up downloads no model: " + server.requests());
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

    /**
     * The fp16 file widened to fp32 by the worker's own Java ({@code core.onnx.Fp16ToFp32}, in WebAssembly), run by
     * ONNX Runtime Web: the model that GPUs without 16-bit shaders get. Here on the CPU backend, since on SwiftShader
     * one fp32 inference took more than 8 minutes on this 2-core machine; the WebGPU side is measured on the GPU
     * machine (bench/gpu). It must match the 8-bit model's cutout, which the JVM reference mask is.
     */
    @Test
    void runsTheFp16ModelWidenedTo32BitsInTheWorker() throws Exception {
        Path site = ProjectDirs.requireSite();
        Path photoFile = TestImages.astronaut();
        ReferenceMask.Mask reference = ReferenceMask.of(photoFile);
        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, true);
                Browser browser = Browser.start()) {
            try {
                CutoutPage page = new CutoutPage(browser);
                page.open(server.url());
                page.choose("wasm", "fp32");
                String state = page.process(photoFile, Duration.ofMinutes(6));
                assertEquals("done", state, "astronaut.png failed with the widened model: " + page.message());
                assertEquals("fp32", page.backendInfo("model"), "#backend-info data-model");
                BufferedImage cutout = page.result();
                Artifacts.save("CutoutWasmIT-astronaut-fp32.png", cutout);
                CutoutAssertions.assertIou(Masks.alpha(cutout), reference.alpha(), 0.99,
                        "the JVM reference mask (8-bit model)");
                assertTrue(browser.trap().requests().isEmpty(),
                        "the page tried to reach other hosts: " + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                throw e;
            }
        }
    }
}
