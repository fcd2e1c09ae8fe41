package app.cutout.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.cutout.core.model.ModelSpec;
import app.cutout.core.refine.Stroke;
import app.cutout.core.refine.StrokeSolver;
import app.cutout.e2e.ProjectDirs;
import app.cutout.e2e.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keep and Remove strokes on the real photo of issue 17 ({@code plant.jpg}, with OpenCV's published matte as truth):
 * the app's automatic alpha from the real 8-bit model (ONNX Runtime Java, mask cached under {@code target/}), then
 * strokes. Skips without the model file.
 */
class PlantStrokesTest {
    private static StrokeEval.Photo plant;

    @BeforeAll
    static void load() throws IOException {
        assumeTrue(Files.isRegularFile(IsnetJava.defaultModel()), "No " + IsnetJava.defaultModel());
        plant = StrokeEval.load(TestImages.plant(), TestImages.plantMatte(), true);
    }

    @Test
    void theScriptedUserGetsThePlantWithinThreeStrokes() {
        double auto = MatteMetrics.iou(plant.auto(), plant.truth());
        List<StrokeEval.Step> steps = StrokeEval.run(plant, 3, 0, 0);
        StringBuilder log = new StringBuilder(String.format(Locale.ROOT, "auto IoU %.4f", auto));
        double best = auto;
        for (StrokeEval.Step s : steps) {
            log.append(String.format(Locale.ROOT, "; %s IoU %.4f SAD %.2f", s.stroke().kind, s.iou(), s.sad()));
            best = Math.max(best, s.iou());
        }
        System.out.println("[plant strokes] " + log);
        // The model picked the clothes-peg alone (IoU 0.04), with no weak evidence of the plant either; three strokes,
        // drawn as the page draws them (a whole-pixel brush, the 8-bit model mask), bring back 0.908 of it (issue 17
        // asks 0.9 in the browser), the leaves in shadow by the cut of StrokeSolver's proposal; the pot's white
        // label, whose colour the white box behind has, stays out.
        assertTrue(auto < 0.1, log.toString());
        assertTrue(steps.size() == 3 && steps.get(2).iou() >= 0.9, log.toString());
    }

    /**
     * A person's strokes: Keep across the leaves, Keep along the pot, Remove along the peg: IoU 0.82 (the leaves
     * with their own edges; missing: the leaves in shadow behind the peg and the pot's label). Issue 17 asks for the
     * pot to come with the leaves' stroke alone; it does not (IoU 0.65 without the pot's stroke).
     */
    @Test
    void keepAcrossTheLeavesAndThePotAndRemoveOnThePeg() throws IOException {
        Stroke keep = new Stroke(Stroke.Kind.KEEP, 4f, new float[] {110f, 140f, 170f, 70f, 250f, 40f, 350f, 40f,
            430f, 80f, 470f, 150f});
        Stroke pot = new Stroke(Stroke.Kind.KEEP, 4f, new float[] {225f, 230f, 260f, 300f, 300f, 310f, 340f, 235f});
        Stroke remove = new Stroke(Stroke.Kind.REMOVE, 4f, new float[] {298f, 95f, 305f, 150f, 318f, 215f});
        StrokeSolver.Solution s = StrokeSolver.solve(plant.rgba(), plant.width(), plant.height(), plant.auto(),
                plant.auto(), List.of(keep, pot, remove), plant.mask(), ModelSpec.SIZE, ModelSpec.SIZE);
        double iou = MatteMetrics.iou(s.alpha, plant.truth());
        System.out.printf(Locale.ROOT, "[plant strokes] Keep, Keep, Remove: IoU %.4f, SAD %.2f%n", iou,
                MatteMetrics.sad(s.alpha, plant.truth()));
        Files.createDirectories(ProjectDirs.root().resolve("target/strokes"));
        MatteFiles.writeGray(ProjectDirs.root().resolve("target/strokes/plant.hand.png"), s.alpha, plant.width(),
                plant.height());
        assertEquals(0, s.alpha[150 * plant.width() + 305], "under the Remove stroke");
        assertTrue(iou >= 0.77, "IoU " + iou);
    }
}
