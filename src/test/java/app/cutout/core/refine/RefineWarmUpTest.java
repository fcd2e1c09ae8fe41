package app.cutout.core.refine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RefineWarmUpTest {
    @Test
    void theSceneReachesEveryPassOfTheDefaultRefinement() {
        // A pass the scene no longer reaches would run in the browser's baseline code on a visit's first photo.
        assertEquals(List.of("flags", "raw_alpha", "trimap", "solid_preview", "matting", "matte_coef", "matte_write",
                "fg_solve", "fg_apply"), List.copyOf(RefineWarmUp.passes()));
    }
}
