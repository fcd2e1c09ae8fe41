package app.cutout.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GroundTruthSetTest {
    private static GroundTruthSet.Case plantCase(int width, int height, boolean mirror) {
        return new GroundTruthSet.Case("t", "plant", null, mirror, "bg", new GroundTruthSet.Crop(0, 0, 2, 2), width,
                height, "png");
    }

    @Test
    void compositeIsAlphaBlendOfForegroundAndBackgroundWithTheWrittenMatte() {
        // α = 128/255 everywhere, F = pure red; background pure blue; no grain.
        GroundTruthSet.Layer layer = (x, y, f) -> {
            f[0] = 1f;
            f[1] = 0f;
            f[2] = 0f;
            return 128;
        };
        float[] blue = {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1};
        GroundTruthSet.Composite c = GroundTruthSet.composite(layer, blue, 2, plantCase(3, 2, false), new Random(1),
                0.0);
        // R = round(128/255 * 255) = 128, B = round(127/255 * 255) = 127; packed 0xRRGGBB.
        for (int p : c.rgb()) {
            assertEquals(0x80007F, p);
        }
        for (byte a : c.alpha()) {
            assertEquals(128, a & 0xFF);
        }
    }

    @Test
    void transparentPixelsAreTheBackgroundAlone() {
        GroundTruthSet.Layer none = (x, y, f) -> {
            f[0] = Float.NaN;
            return 0;
        };
        // A 2x2 background with four different greys, shown 1:1.
        float g0 = 10 / 255f;
        float g1 = 20 / 255f;
        float g2 = 30 / 255f;
        float g3 = 40 / 255f;
        float[] bg = {g0, g0, g0, g1, g1, g1, g2, g2, g2, g3, g3, g3};
        GroundTruthSet.Composite c = GroundTruthSet.composite(none, bg, 2, plantCase(2, 2, false), new Random(1), 0.0);
        assertArrayEquals(new int[] {0x0A0A0A, 0x141414, 0x1E1E1E, 0x282828}, c.rgb());
        assertArrayEquals(new byte[4], c.alpha());
    }

    @Test
    void plantFrameSpansTheHeightAgainstTheRightEdgeOrMirroredTheLeft() {
        // A 2x1 "plant": left pixel transparent, right pixel opaque; output 4x1, so scale 1, frame at x 2..3.
        float[] alpha = {0f, 1f};
        float[] fg = {0, 0, 0, 1, 1, 1};
        float[] f = new float[3];
        GroundTruthSet.Layer right = GroundTruthSet.plantLayer(fg, alpha, 2, 1, plantCase(4, 1, false));
        assertEquals(0, right.at(0, 0, f));
        assertEquals(0, right.at(1, 0, f));
        assertEquals(0, right.at(2, 0, f));
        assertEquals(255, right.at(3, 0, f));
        GroundTruthSet.Layer mirrored = GroundTruthSet.plantLayer(fg, alpha, 2, 1, plantCase(4, 1, true));
        assertEquals(255, mirrored.at(0, 0, f));
        assertEquals(0, mirrored.at(1, 0, f));
        assertEquals(0, mirrored.at(2, 0, f));
        assertEquals(0, mirrored.at(3, 0, f));
    }

    @Test
    void minFilterErodesPerAxis() {
        float[] m = {
            1, 1, 1, 1, 1,
            1, 1, 1, 1, 1,
            1, 1, 0, 1, 1,
            1, 1, 1, 1, 1,
        };
        float[] e = GroundTruthSet.minFilter(m, 5, 4, 1, 0);
        assertArrayEquals(new float[] {
            1, 1, 1, 1, 1,
            1, 1, 1, 1, 1,
            1, 0, 0, 0, 1,
            1, 1, 1, 1, 1,
        }, e);
        float[] e2 = GroundTruthSet.minFilter(m, 5, 4, 0, 2);
        assertArrayEquals(new float[] {
            1, 1, 0, 1, 1,
            1, 1, 0, 1, 1,
            1, 1, 0, 1, 1,
            1, 1, 0, 1, 1,
        }, e2);
    }
}
