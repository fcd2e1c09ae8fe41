package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The JVM reference segmentation is sane on real photos, and its cache returns what was computed. */
class ReferenceMaskIT {
    @Test
    void astronautMaskIsASubjectOnABackground() throws Exception {
        Path photo = TestImages.astronaut();
        ReferenceMask.Mask mask = ReferenceMask.of(photo);
        assertEquals(512, mask.width());
        assertEquals(512, mask.height());
        double coverage = Masks.coverage(mask.alpha());
        assertTrue(coverage > 0.2 && coverage < 0.8, "implausible foreground share " + coverage);
        assertTrue(mask.at(0, 0) < 16 && mask.at(511, 0) < 16, "top corners should be background");
        int[] c = Masks.centroid(mask.alpha(), mask.width());
        assertNotNull(c);
        assertTrue(mask.at(c[0], c[1]) > 240, "centroid " + c[0] + "," + c[1] + " is not solid foreground");

        ReferenceMask.Mask fresh = ReferenceMask.compute(photo, ReferenceMask.defaultModel());
        assertArrayEquals(fresh.alpha(), ReferenceMask.of(photo).alpha(), "cache must return the computed mask");
    }

    @Test
    void bothModelsAgreeOnTheAstronaut() {
        Path fp16 = ProjectDirs.root().resolve("models/isnet-fp16.onnx");
        Assumptions.assumeTrue(Files.isRegularFile(fp16), "no fp16 model in models/");
        double iou = Masks.iou(ReferenceMask.of(TestImages.astronaut()).alpha(),
                ReferenceMask.of(TestImages.astronaut(), fp16).alpha());
        assertTrue(iou >= 0.99, "quint8 and fp16 masks differ: IoU " + iou);
    }
}
