package app.cutout.core.edit;

import static app.cutout.core.image.RgbaImage.pack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.RgbaImage;
import org.junit.jupiter.api.Test;

class PreviewTest {

    @Test
    void shrinkAveragesBlocksAndWeightsColoursByTheMask() {
        // 3x2 photo, factor 2: blocks of 2x2 and a last column 1 wide.
        int[] rgb = {
            pack(100, 0, 0, 255), pack(200, 0, 0, 255), pack(10, 20, 30, 255),
            pack(0, 0, 100, 255), pack(0, 0, 200, 255), pack(30, 20, 10, 255)};
        byte[] alpha = {(byte) 255, 0, 0, 0, 0, 0};
        Preview p = Preview.shrink(rgb, alpha, 3, 2, null, 2, 100);
        assertEquals(2, p.photo.width);
        assertEquals(1, p.photo.height);
        // Only the first pixel has mask: its colour alone; the mask's mean rounds 63.75 to 64.
        assertEquals(pack(100, 0, 0, 255), p.photo.pixels[0]);
        assertEquals(64, p.alpha[0] & 0xFF);
        // No mask in the last block: plain average.
        assertEquals(pack(20, 20, 20, 255), p.photo.pixels[1]);
        assertEquals(0, p.alpha[1]);
    }

    @Test
    void shrinkTakesOnlyTheFrame() {
        int[] rgb = new int[4 * 4];
        byte[] alpha = new byte[16];
        rgb[2 * 4 + 3] = pack(9, 8, 7, 255);
        alpha[2 * 4 + 3] = (byte) 200;
        Preview p = Preview.shrink(rgb, alpha, 4, 4, new Rect(3, 2, 1, 2), 1, 100);
        assertEquals(1, p.photo.width);
        assertEquals(2, p.photo.height);
        assertEquals(pack(9, 8, 7, 255), p.photo.pixels[0]);
        assertEquals(200, p.alpha[0] & 0xFF);
        assertEquals(0, p.alpha[1]);
    }

    /**
     * An edit made a soft edge (alpha 128) where the cutout was opaque over a blue peg beside a green leaf: the
     * preview of the edited cutout shows the leaf's green there, as the exports do, and the photo's blue without the
     * cutout's alpha to compare with.
     */
    @Test
    void anEditedSoftEdgeTakesTheSubjectsColourAsInTheExport() {
        int green = pack(40, 160, 40, 255);
        int blue = pack(40, 60, 220, 255);
        int[] rgb = {green, green, blue, blue};
        byte[] cutout = {(byte) 255, (byte) 255, (byte) 255, (byte) 255};
        byte[] edited = {(byte) 255, (byte) 255, (byte) 128, 0};
        Preview recoloured = Preview.shrink(rgb, edited, cutout, 4, 1, null, 1, 100);
        assertEquals(green, recoloured.photo.pixels[2]);
        assertEquals(128, recoloured.alpha[2] & 0xFF);
        Preview plain = Preview.shrink(rgb, edited, 4, 1, null, 1, 100);
        assertEquals(blue, plain.photo.pixels[2]);
        int[] export = rgb.clone();
        EdgeColours.apply(export, edited, cutout, 4, 1);
        for (int i = 0; i < 4; i++) {
            assertEquals(export[i], recoloured.photo.pixels[i], "pixel " + i);
        }
    }

    @Test
    void factorKeepsTheCopyAndTheUpscaleLimitInScale() {
        Look original = new Look();
        assertEquals(1, Preview.factor(original, 500, 300, 600));
        assertEquals(7, Preview.factor(original, 4000, 3000, 600));
        Look market = new Look();
        market.choosePreset("marketplace");
        // Canvas drawn at 600 / 2000 = 0.3: the limit 4 becomes 4 * 0.3 * f, at least 1 for f = 1.
        assertEquals(1, Preview.factor(market, 500, 300, 600));
        Look huge = new Look();
        huge.choosePreset("custom");
        huge.width = 16000;
        huge.height = 16000;
        // 600 / 16000 * 4 = 0.15: f = 7 keeps the limit at 1.05.
        assertEquals(7, Preview.factor(huge, 500, 300, 600));
    }

    @Test
    void theSubjectFillsThePreviewAsItFillsTheExport() {
        int w = 1200;
        int h = 900;
        RgbaImage photo = LayoutTest.photo(w, h, 3);
        byte[] alpha = LayoutTest.ellipse(w, h, 400, 500, 150, 300);
        Look look = new Look();
        look.choosePreset("marketplace");
        look.shadow = Look.ShadowKind.DROP;
        look.outlineWidth = 10;
        Staging.Staged full = Staging.stage(photo, alpha, look.preset(), Look.MAX_UPSCALE,
                look.effects(look.canvasLonger(w, h)));
        int f = Preview.factor(look, w, h, 500);
        Preview p = Preview.shrink(photo.pixels, alpha, w, h, null, f, 500);
        Staging.Staged small = p.stage(look);
        assertEquals(500, small.canvas.width);
        assertEquals(500, small.canvas.height);
        double k = 500 / 2000.0;
        Rect a = full.placement.subject;
        Rect b = small.placement.subject;
        assertTrue(Math.abs(a.x * k - b.x) <= 3 && Math.abs(a.y * k - b.y) <= 3
                && Math.abs(a.width * k - b.width) <= 3 && Math.abs(a.height * k - b.height) <= 3,
                "export subject " + a + " at " + k + " against the preview's " + b);
        assertTrue(small.layers != null, "the effects are drawn");
    }
}
