package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The GPU is lost in the middle of a run (a driver reset, a laptop switching GPUs): the photo is finished on the CPU,
 * the user is told, and the next photo goes straight to the CPU.
 *
 * <p>The loss is real, not simulated in the product: while the app's WebGPU session is running, the test destroys
 * the very {@code GPUDevice} ONNX Runtime uses ({@code ort.env.webgpu.device}, ORT's own API). The inference worker
 * is a module worker, so page scripts cannot reach it; the test attaches to it through the browser's DevTools
 * protocol ({@link DevTools}), as a developer would from the console. The product carries no test hook; it only
 * watches its device's {@code lost} promise, as any WebGPU application should.
 *
 * <p>WebGPU here is Chromium's SwiftShader adapter (WebGPU on the CPU), so this runs one WebGPU session start, one
 * aborted WebGPU run and two CPU runs.
 */
class RobustGpuLossIT {
    private static final Duration RUN = Duration.ofMinutes(10);

    /** Imported by URL, a module is the same instance the worker's own import got: the runtime the app uses. */
    private static final String DESTROY_DEVICE = """
            (async () => {
              const ort = await import(new URL('ort/ort.webgpu.min.mjs', self.location.href).href);
              const device = await ort.env.webgpu.device;
              device.destroy();
              return 'destroyed ' + (device.adapterInfo ? device.adapterInfo.description : '');
            })()
            """;

    @Test
    void aLostGpuFinishesThePhotoOnTheCpuAndSaysSo() throws Exception {
        Path site = ProjectDirs.requireSite();
        Path photoFile = TestImages.astronaut();
        ReferenceMask.Mask reference = ReferenceMask.of(photoFile);
        BufferedImage photo = ImageIO.read(photoFile.toFile());

        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, true);
                Browser browser = Browser.withWebGpu();
                DevTools devTools = DevTools.connect(browser)) {
            try {
                CutoutPage page = new CutoutPage(browser);
                page.open(server.url() + "?backend=webgpu&model=quint8&lang=en");
                WebGpuProbe.Result probe = WebGpuProbe.run(browser);
                assertTrue(probe.available(), "No WebGPU adapter (" + probe + "); see WebGpuProbeIT");
                devTools.attachPage(server.url());
                QueueRows queue = new QueueRows(browser);

                queue.upload(List.of(photoFile));
                // "removing": the WebGPU session exists and its first run has started.
                browser.waitForAttribute(QueueRows.row(1), "data-state", s -> s.equals("removing")
                        || s.equals("done") || s.equals("error"), RUN);
                assertEquals("removing", queue.state(1), "the run must still be going: " + queue.status(1));
                assertEquals("webgpu", page.backendInfo("backend"), "the session runs on WebGPU");
                String worker = devTools.worker("cutout-inference");
                System.out.println("fault injected: " + devTools.evaluate(worker, DESTROY_DEVICE));

                assertEquals("done", queue.awaitOutcome(1, RUN), "the photo must survive the lost GPU: "
                        + queue.status(1));
                assertEquals("wasm", page.backendInfo("backend"), "finished on the CPU");
                assertEquals("webgpu", page.backendInfo("runtime"), "by the CPU backend of the runtime already loaded");
                String note = browser.text("#note");
                System.out.println("note: " + note);
                assertTrue(note.contains("GPU stopped working") && note.contains("CPU"), "the user is told: " + note);
                BufferedImage cutout = queue.result(1, RUN);
                CutoutAssertions.assertSameSize(photo, cutout);
                CutoutAssertions.assertIou(Masks.alpha(cutout), reference.alpha(), 0.98, "the JVM reference mask");

                // The next photo goes to the CPU at once, without trying the dead GPU again.
                queue.upload(List.of(TestImages.chelsea()));
                assertEquals("done", queue.awaitOutcome(2, RUN), "the next photo: " + queue.status(2));
                assertEquals("wasm", page.backendInfo("backend"));
                assertTrue(browser.trap().requests().isEmpty(), "requests left the machine: "
                        + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                throw e;
            }
        }
    }
}
