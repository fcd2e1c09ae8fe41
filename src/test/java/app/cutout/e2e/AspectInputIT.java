package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.server.StaticServer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The measurement-only input at the photo's aspect ratio ({@code ?ort=input:aspect}; bench/README.md, "Input at the
 * photo's aspect ratio"), end to end in Chromium on the CPU: the worker frees the model's input size
 * ({@code core.onnx.AnySize}, assembled from ranges of the downloaded bytes), reads the 451 x 300 cat at 1024 x 704,
 * and the cutout is the one a JVM model fixed at that size gives ({@link ReferenceMask#computeAtAspect}).
 */
class AspectInputIT {
    @Test
    void aPhotoReadAtItsOwnAspectRatioMatchesTheModelFixedAtThatSize() throws Exception {
        Path site = ProjectDirs.requireSite();
        Path photoFile = TestImages.chelsea();
        ReferenceMask.Mask aspect = ReferenceMask.computeAtAspect(photoFile, ReferenceMask.defaultModel());
        ReferenceMask.Mask square = ReferenceMask.of(photoFile);
        try (StaticServer server = StaticServer.start(site, "127.0.0.1", 0, true);
                Browser browser = Browser.start()) {
            try {
                CutoutPage page = new CutoutPage(browser);
                page.open(server.url() + "?backend=wasm&model=quint8&refine=0&ort=input:aspect");
                String state = page.process(photoFile, Duration.ofMinutes(5));
                assertEquals("done", state, "chelsea.png failed: " + page.message());
                BufferedImage cutout = page.result();
                Artifacts.save("AspectInputIT-chelsea.png", cutout);
                byte[] alpha = Masks.alpha(cutout);
                double toAspect = Masks.iou(alpha, aspect.alpha());
                double toSquare = Masks.iou(alpha, square.alpha());
                System.out.printf("chelsea at its aspect ratio: IoU %.4f with the model fixed at 1024x704, %.4f with"
                        + " the square input's mask%n", toAspect, toSquare);
                CutoutAssertions.assertIou(alpha, aspect.alpha(), 0.99, "the JVM model fixed at 1024x704");
                // The cat's square input gives a visibly different mask (IoU 0.947 when this was written).
                assertTrue(toAspect > toSquare, "closer to the square input's mask than to the aspect one's");
                assertTrue(browser.trap().requests().isEmpty(),
                        "the page tried to reach other hosts: " + browser.trap().requests());
            } catch (AssertionError | RuntimeException e) {
                browser.printDiagnostics(System.out);
                throw e;
            }
        }
    }
}
