package app.cutout.core.refine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.RgbaImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassLogTest {
    @Test
    void namesEveryPassOfTheRefinementInOrderAndChangesNothing() {
        SyntheticScene scene = new SyntheticScene(900, 600, 3, 40);
        float[] mask = scene.mask(256, 256);
        RgbaImage plain = new RgbaImage(900, 600, scene.composite.clone());
        EdgeRefiner.refine(mask, 256, 256, plain, 1f, new RefineOptions());
        RgbaImage logged = new RgbaImage(900, 600, scene.composite.clone());
        double[] clock = {0};
        long[] bytes = {0};
        // A clock and an allocation counter that advance by 1 ms and 1 MB per reading: every pass gets exactly one.
        PassLog log = new PassLog(() -> clock[0]++, () -> (bytes[0] += 1_000_000));
        EdgeRefiner.refine(mask, 256, 256, logged, 1f, new RefineOptions(), log);
        assertArrayEquals(plain.pixels, logged.pixels);
        assertEquals(List.of("flags", "raw_alpha", "trimap", "solid_preview", "matting", "matte_coef", "matte_write", "fg_solve",
                "fg_apply"), List.copyOf(log.millis().keySet()));
        log.millis().values().forEach(ms -> assertEquals(1.0, ms));
        log.megabytes().values().forEach(mb -> assertEquals(1.0, mb));
    }

    @Test
    void withoutMattingTheGuidedFilterPassesAndABlend() {
        SyntheticScene scene = new SyntheticScene(900, 600, 3, 40);
        RefineOptions options = new RefineOptions();
        options.matting = false;
        PassLog log = new PassLog(System::nanoTime, null);
        EdgeRefiner.refine(scene.mask(256, 256), 256, 256, new RgbaImage(900, 600, scene.composite.clone()), 0.5f,
                options, log);
        assertEquals(List.of("flags", "raw_alpha", "guided_coef", "guided_apply", "regions", "blend", "fg_solve",
                "fg_apply"), List.copyOf(log.millis().keySet()));
        assertTrue(log.megabytes().isEmpty());
    }

    @Test
    void offRecordsNothing() {
        PassLog.OFF.start();
        PassLog.OFF.pass("flags");
        assertTrue(PassLog.OFF.millis().isEmpty());
    }
}
