package app.cutout.core.edit;

import static app.cutout.core.image.RgbaImage.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.RgbaImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayoutTest {

    /** A photo of noise with an elliptical subject (soft edge) centred at (cx, cy), radii rx, ry. */
    static RgbaImage photo(int w, int h, long seed) {
        Random random = new Random(seed);
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = pack(random.nextInt(256), random.nextInt(256), random.nextInt(256), 255);
        }
        return new RgbaImage(w, h, px);
    }

    static byte[] ellipse(int w, int h, double cx, double cy, double rx, double ry) {
        byte[] alpha = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double nx = (x + 0.5 - cx) / rx;
                double ny = (y + 0.5 - cy) / ry;
                double d = (Math.sqrt(nx * nx + ny * ny) - 1) * Math.min(rx, ry);
                alpha[y * w + x] = (byte) Math.round(255 * Math.max(0, Math.min(1, 0.5 - d)));
            }
        }
        return alpha;
    }

    @Test
    void marketplaceIsSquareWhiteWithTheSubjectAt85PercentCentred() {
        int w = 1200;
        int h = 900;
        RgbaImage photo = photo(w, h, 1);
        // Subject off-centre, taller than wide: bounds about 300 x 600 at (250..550, 200..800).
        byte[] alpha = ellipse(w, h, 400, 500, 150, 300);
        Rect subject = Crop.subjectBounds(alpha, w, h, 128);
        Layout.Preset preset = Layout.Preset.MARKETPLACE;
        Layout.Placement p = Layout.place(preset, subject, w, h, 4, 0);
        assertEquals(2000, p.width);
        assertEquals(2000, p.height);
        assertTrue(p.upscaled);
        assertFalse(p.upscaleLimited);
        byte[] canvasAlpha = new byte[2000 * 2000];
        RgbaImage canvas = Layout.render(photo, alpha, p, canvasAlpha);
        RgbaImage out = Compositor.composite(canvas, canvasAlpha, preset.background, null);
        assertEquals(2000, out.width);
        assertEquals(2000, out.height);
        int white = pack(255, 255, 255, 255);
        assertEquals(white, out.pixels[0]);
        assertEquals(white, out.pixels[1999]);
        assertEquals(white, out.pixels[1999 * 2000]);
        assertEquals(white, out.pixels[2000 * 2000 - 1]);
        Rect b = Crop.subjectBounds(canvasAlpha, 2000, 2000, 128);
        assertEquals(0.85, b.height / 2000.0, 0.01, "longer side " + b);
        assertEquals(1000, b.x + b.width / 2.0, 20, "centred across " + b);
        assertEquals(1000, b.y + b.height / 2.0, 20, "centred down " + b);
        assertEquals(b, p.subject.intersect(b), "placement reports the bounds");
        // Every pixel outside the subject is the white background.
        assertEquals(white, out.pixels[1000 * 2000 + b.x - 3]);
    }

    @Test
    void portraitCanvasFitsBothSides() {
        Rect subject = new Rect(100, 100, 400, 200);
        Layout.Placement p = Layout.place(Layout.Preset.SOCIAL_PORTRAIT, subject, 1000, 1000, 10, 0);
        assertEquals(0.8 * 1080 / 400, p.scale, 1e-12, "width limits a wide subject");
        assertEquals(540, p.scale * 300 + p.offsetX, 1e-9, "centre x");
        assertEquals(675, p.scale * 200 + p.offsetY, 1e-9, "centre y");
    }

    @Test
    void bottomAlignmentRestsOnTheMargin() {
        Rect subject = new Rect(0, 0, 100, 100);
        Layout.Placement p = Layout.place(Layout.Preset.SOCIAL_SQUARE.with(0.5, Layout.Align.BOTTOM, 0.1), subject,
                100, 100, 10, 0);
        assertEquals(5.4, p.scale, 1e-12);
        assertEquals(1080 - 108, p.scale * 100 + p.offsetY, 1e-9);
        assertEquals(540, p.scale * 50 + p.offsetX, 1e-9);
    }

    @Test
    void upscaleLimitIsReported() {
        Rect subject = new Rect(10, 10, 100, 50);
        Layout.Placement p = Layout.place(Layout.Preset.MARKETPLACE, subject, 200, 200, 2, 0);
        assertEquals(2, p.scale, 0);
        assertTrue(p.upscaled);
        assertTrue(p.upscaleLimited);
        Layout.Placement q = Layout.place(Layout.Preset.MARKETPLACE, new Rect(0, 0, 4000, 3000), 4000, 3000, 1, 0);
        assertFalse(q.upscaled);
        assertFalse(q.upscaleLimited);
        assertEquals(0.85 * 2000 / 4000, q.scale, 1e-12);
    }

    @Test
    void roomForEffectsShrinksTheSubject() {
        Rect subject = new Rect(0, 0, 100, 100);
        Layout.Placement p = Layout.place(Layout.Preset.custom(1000, 1000, 1.0, Layout.Align.CENTER, 0), subject,
                100, 100, 100, 50);
        assertTrue(p.shrunkForEffects);
        assertEquals(9, p.scale, 1e-12);
        assertEquals(new Rect(50, 50, 900, 900), p.subject);
    }

    @Test
    void originalSizeGrowsOnlyWhereEffectsNeedRoom() {
        int w = 30;
        int h = 20;
        RgbaImage photo = photo(w, h, 2);
        byte[] alpha = new byte[w * h];
        for (int y = 5; y < 18; y++) {
            for (int x = 2; x < 25; x++) {
                alpha[y * w + x] = (byte) (x * 10);
            }
        }
        Rect subject = Crop.subjectBounds(alpha, w, h, 1);
        Layout.Placement same = Layout.place(Layout.Preset.ORIGINAL, subject, w, h, 1, 0);
        assertEquals(w, same.width);
        assertEquals(h, same.height);
        byte[] copy = new byte[w * h];
        RgbaImage canvas = Layout.render(photo, alpha, same, copy);
        assertArrayEquals(photo.pixels, canvas.pixels, "scale 1 copies exactly");
        assertArrayEquals(alpha, copy);

        Layout.Placement grown = Layout.place(Layout.Preset.ORIGINAL, subject, w, h, 1, 4);
        // Subject columns 2..24, rows 5..17: 2 more on the left, 2 below, none elsewhere.
        assertEquals(new Rect(2, 5, 23, 13), subject);
        assertEquals(w + 2, grown.width);
        assertEquals(h + 2, grown.height);
        byte[] grownAlpha = new byte[grown.width * grown.height];
        RgbaImage big = Layout.render(photo, alpha, grown, grownAlpha);
        assertEquals(0, big.pixels[0], "new margin is transparent");
        assertEquals(0, big.pixels[grown.width + 1]);
        assertEquals(photo.pixels[0], big.pixels[2]);
        assertEquals(photo.pixels[w - 1], big.pixels[grown.width - 1]);
        assertEquals(alpha[6 * w + 10], grownAlpha[6 * grown.width + 12]);
    }

    @Test
    void shrinkingAveragesWithoutTheOldBackground() {
        // Left half subject in red, right half old background in green, at half size: the edge pixel is red.
        int w = 8;
        int h = 2;
        int[] px = new int[w * h];
        byte[] alpha = new byte[w * h];
        for (int i = 0; i < px.length; i++) {
            boolean in = i % w < 4;
            px[i] = in ? pack(255, 0, 0, 255) : pack(0, 255, 0, 255);
            alpha[i] = (byte) (in ? 255 : 0);
        }
        Layout.Placement p = Layout.place(Layout.Preset.custom(4, 1, 1, Layout.Align.CENTER, 0), new Rect(0, 0, 8, 2),
                8, 2, 1, 0);
        assertEquals(0.5, p.scale, 0);
        byte[] out = new byte[4];
        RgbaImage canvas = Layout.render(new RgbaImage(w, h, px), alpha, p, out);
        assertEquals(pack(255, 0, 0, 255), canvas.pixels[1]);
        assertTrue((out[1] & 0xFF) > 128 && (out[1] & 0xFF) < 255, "partial coverage at the edge");
        assertEquals(pack(0, 255, 0, 255), canvas.pixels[3], "no subject: photo colours");
        assertEquals(0, out[3]);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Layout.Preset.custom(0, 10, 0.5, Layout.Align.CENTER, 0));
        assertThrows(IllegalArgumentException.class, () -> Layout.Preset.custom(10, 10, 1.5, Layout.Align.CENTER, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Layout.place(Layout.Preset.MARKETPLACE, new Rect(0, 0, 5, 5), 4, 4, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Layout.place(Layout.Preset.MARKETPLACE, new Rect(0, 0, 4, 4), 4, 4, 0.5, 0));
    }
}
