package app.cutout.core.edit;

import static app.cutout.core.edit.BrushTest.bytes;
import static app.cutout.core.image.RgbaImage.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EdgeColoursTest {
    private static final int GREEN = pack(40, 160, 30, 255);
    private static final int BLUE = pack(30, 60, 220, 255);
    /** Half green leaf, half blue peg: what a camera records on their border. */
    private static final int MIX = pack(35, 110, 125, 255);

    @Test
    void aSoftEdgeAnEditMadeTakesTheOpaqueSubjectBesideIt() {
        // The model took the peg (right) as subject; strokes gave the leaf (left) back and removed the peg, leaving
        // the border pixel half transparent. Its colour was the photo's mix; it becomes the leaf's.
        int[] colours = {GREEN, GREEN, MIX, BLUE, BLUE};
        byte[] cutoutAlpha = bytes(0, 0, 255, 255, 255);
        byte[] alpha = bytes(255, 255, 128, 0, 0);
        EdgeColours.apply(colours, alpha, cutoutAlpha, 5, 1);
        assertArrayEquals(new int[] {GREEN, GREEN, GREEN, BLUE, BLUE}, colours);
        assertEquals((GREEN & 0xFFFFFF) | 128 << 24, EdgeColours.pixel(new int[] {GREEN, GREEN, MIX, BLUE, BLUE},
                alpha, cutoutAlpha, 5, 1, 2));
    }

    @Test
    void theCutoutsOwnSoftColoursAndSurePixelsStay() {
        // Pixel 2 was soft in the cutout: its colour is already a foreground estimate, right at any alpha. Opaque and
        // transparent pixels keep theirs; so does a pixel whose alpha the edit left alone.
        int[] colours = {GREEN, GREEN, MIX, MIX, BLUE, MIX};
        int[] before = colours.clone();
        byte[] cutoutAlpha = bytes(255, 255, 100, 255, 0, 0);
        byte[] alpha = bytes(255, 255, 180, 255, 0, 0);
        EdgeColours.apply(colours, alpha, cutoutAlpha, 6, 1);
        assertArrayEquals(before, colours);
    }

    @Test
    void aColourCloseToItsOpaqueNeighboursIsOfTheSameStuffAndStays() {
        // A soft brush's ramp over the subject: the pixel is subject, at most 20 levels from its neighbour (texture);
        // copying the neighbour would smear it. 25 levels off in one channel is a mix.
        int near = pack(60, 150, 45, 255);
        byte[] alpha = bytes(255, 200);
        byte[] cutoutAlpha = bytes(255, 255);
        int[] colours = {GREEN, near};
        EdgeColours.apply(colours, alpha, cutoutAlpha, 2, 1);
        assertEquals(near, colours[1]);
        colours = new int[] {GREEN, pack(40, 135, 30, 255)};
        EdgeColours.apply(colours, alpha, cutoutAlpha, 2, 1);
        assertEquals(GREEN, colours[1]);
    }

    @Test
    void withNoOpaquePixelWithinTheRadiusAPixelKeepsItsColour() {
        // A lone strand: nothing opaque within the radius.
        int r = EdgeColours.RADIUS;
        int[] colours = new int[r + 2];
        java.util.Arrays.fill(colours, MIX);
        colours[0] = GREEN;
        byte[] alpha = new byte[r + 2];
        alpha[0] = (byte) 255;
        alpha[r + 1] = 90;
        byte[] cutoutAlpha = new byte[r + 2];
        EdgeColours.apply(colours, alpha, cutoutAlpha, r + 2, 1);
        assertEquals(MIX, colours[r + 1], "the radius and one pixel from the opaque one");
        alpha[r] = 90;
        EdgeColours.apply(colours, alpha, cutoutAlpha, r + 2, 1);
        assertEquals(GREEN, colours[r], "the radius from it");
    }

    @Test
    void theNearestOpaquePixelWinsAndTiesGoByRowThenColumn() {
        // 3x3, centre soft and edited. Opaque: (2,1) at distance 1 and (0,0) at distance 1.41: the nearer wins.
        int[] colours = new int[9];
        java.util.Arrays.fill(colours, MIX);
        colours[0] = BLUE;
        colours[5] = GREEN;
        byte[] alpha = bytes(255, 0, 0, 0, 60, 255, 0, 0, 0);
        byte[] cutoutAlpha = new byte[9];
        assertEquals(GREEN & 0xFFFFFF, EdgeColours.pixel(colours, alpha, cutoutAlpha, 3, 3, 4) & 0xFFFFFF);
        // Two at distance 1, above (0,-1) and to the left (-1,0): the row above comes first.
        alpha = bytes(0, 255, 0, 255, 60, 0, 0, 0, 0);
        colours[1] = BLUE;
        colours[3] = GREEN;
        assertEquals(BLUE & 0xFFFFFF, EdgeColours.pixel(colours, alpha, cutoutAlpha, 3, 3, 4) & 0xFFFFFF);
    }

    @Test
    void aTwoColourCompositeGetsItsSubjectColourBackAlongTheEdge() {
        // Subject colour over a bright background, a soft edge 4 pixels wide; the model missed the subject (cutout
        // alpha 0), strokes gave the true alpha. Before: the photo's mixes; after: the subject's colour exactly
        // (the band is as wide as the radius).
        int w = 24;
        int h = 6;
        int subject = pack(40, 160, 30, 255);
        int background = pack(250, 250, 245, 255);
        int[] photo = new int[w * h];
        byte[] alpha = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = Math.max(0, Math.min(255, (14 - x) * 51));
                alpha[y * w + x] = (byte) a;
                photo[y * w + x] = Compositor.blend(subject, background, a);
            }
        }
        EdgeColours.apply(photo, alpha, new byte[w * h], w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = alpha[y * w + x] & 0xFF;
                if (a > 0) {
                    assertEquals(subject & 0xFFFFFF, photo[y * w + x] & 0xFFFFFF, "(" + x + "," + y + ") alpha " + a);
                }
            }
        }
    }

    @Test
    void thePixelRuleAndTheWholeImageAgree() {
        Random random = new Random(17);
        int w = 37;
        int h = 23;
        int[] colours = new int[w * h];
        byte[] alpha = new byte[w * h];
        byte[] cutoutAlpha = new byte[w * h];
        int[] levels = {0, 0, 255, 255, 255, 30, 128, 200};
        for (int i = 0; i < colours.length; i++) {
            colours[i] = random.nextInt() | 0xFF000000;
            alpha[i] = (byte) levels[random.nextInt(levels.length)];
            cutoutAlpha[i] = (byte) levels[random.nextInt(levels.length)];
        }
        int[] shown = new int[w * h];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = EdgeColours.pixel(colours, alpha, cutoutAlpha, w, h, i);
        }
        int[] applied = colours.clone();
        EdgeColours.apply(applied, alpha, cutoutAlpha, w, h);
        int changed = 0;
        for (int i = 0; i < shown.length; i++) {
            assertEquals((applied[i] & 0xFFFFFF) | (alpha[i] & 0xFF) << 24, shown[i], "pixel " + i);
            changed += applied[i] != colours[i] ? 1 : 0;
        }
        assertEquals(true, changed > 50, "test set-up: the rule changes pixels (" + changed + ")");
        // Without the cutout's alpha there is nothing to compare with: colours as they are.
        assertEquals((colours[5] & 0xFFFFFF) | (alpha[5] & 0xFF) << 24,
                EdgeColours.pixel(colours, alpha, null, w, h, 5));
    }

    @Test
    void aChangedRectangleReachesTheRadiusFurtherInsideTheImage() {
        int r = EdgeColours.RADIUS;
        assertEquals(new Rect(10 - r, 20 - r, 5 + 2 * r, 6 + 2 * r), EdgeColours.reach(new Rect(10, 20, 5, 6), 100, 100));
        assertEquals(new Rect(0, 0, 3 + r, 100), EdgeColours.reach(new Rect(0, 0, 3, 100), 100, 100));
    }

    @Test
    void sizesMustAgree() {
        assertThrows(IllegalArgumentException.class, () -> EdgeColours.apply(new int[4], new byte[4], new byte[3], 2,
                2));
    }
}
