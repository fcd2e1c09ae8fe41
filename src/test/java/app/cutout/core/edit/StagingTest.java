package app.cutout.core.edit;

import static app.cutout.core.image.RgbaImage.pack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.RgbaImage;
import org.junit.jupiter.api.Test;

class StagingTest {

    @Test
    void originalWithoutEffectsIsTheInputItself() {
        RgbaImage photo = LayoutTest.photo(40, 30, 3);
        byte[] alpha = LayoutTest.ellipse(40, 30, 20, 15, 8, 6);
        Staging.Staged s = Staging.stage(photo, alpha, Layout.Preset.ORIGINAL, 1, null);
        assertSame(photo, s.canvas);
        assertSame(alpha, s.alpha);
        assertNull(s.layers);
    }

    @Test
    void stickerGrowsTheCanvasAndKeepsEverythingInTheAlpha() {
        int w = 60;
        int h = 50;
        RgbaImage photo = LayoutTest.photo(w, h, 4);
        // A subject touching the bottom edge: the outline and shadow need room below.
        byte[] alpha = LayoutTest.ellipse(w, h, 30, 35, 12, 15);
        Effects sticker = Effects.sticker(200);
        assertEquals(5, sticker.outlineWidth, 0);
        Staging.Staged s = Staging.stage(photo, alpha, Layout.Preset.ORIGINAL, 1, sticker);
        int cw = s.canvas.width;
        int ch = s.canvas.height;
        assertTrue(ch > h, "grown below");
        assertEquals(w, cw, "room enough across");
        RgbaImage out = new RgbaImage(cw, ch, new int[cw * ch]);
        Compositor.composite(s.canvas, s.alpha, Compositor.prepare(s.canvas, Background.transparent(), null,
                s.layers), null, out.pixels, 0, cw);
        // Nothing reaches the canvas's edges: not clipped.
        for (int x = 0; x < cw; x++) {
            assertEquals(0, out.pixels[x] >>> 24);
            assertEquals(0, out.pixels[(ch - 1) * cw + x] >>> 24, "bottom row at " + x);
        }
        // Left of the subject: the white outline, opaque. Below the outline: the shadow, dark and translucent.
        Rect subject = Crop.subjectBounds(s.alpha, cw, ch, 128);
        int midY = subject.y + subject.height / 2;
        assertEquals(pack(255, 255, 255, 255), out.pixels[midY * cw + subject.x - 3]);
        int below = (subject.bottom() + 5 + 1) * cw + subject.x + subject.width / 2;
        int shadow = out.pixels[below];
        assertTrue((shadow >>> 24) > 0 && (shadow >>> 24) < 128, Integer.toHexString(shadow));
        assertEquals(0, shadow & 0xFFFFFF, "black shadow");
        // Inside the subject: the subject's own colours, opaque.
        int inside = midY * cw + subject.x + subject.width / 2;
        assertEquals(s.canvas.pixels[inside] | 0xFF000000, out.pixels[inside]);
    }

    @Test
    void cropStandsInForThePhoto() {
        RgbaImage photo = LayoutTest.photo(40, 30, 6);
        byte[] alpha = LayoutTest.ellipse(40, 30, 20, 15, 8, 6);
        Rect crop = new Rect(10, 5, 20, 20);
        Staging.Staged s = Staging.stage(photo, alpha, crop, Layout.Preset.ORIGINAL, 1, null);
        assertEquals(20, s.canvas.width);
        assertEquals(20, s.canvas.height);
        assertEquals(photo.pixels[5 * 40 + 10], s.canvas.pixels[0]);
        assertEquals(alpha[15 * 40 + 20], s.alpha[10 * 20 + 10]);
    }

    @Test
    void marketplaceWithAContactShadowOverWhite() {
        int w = 300;
        int h = 400;
        RgbaImage photo = LayoutTest.photo(w, h, 5);
        byte[] alpha = LayoutTest.ellipse(w, h, 150, 200, 60, 150);
        Effects e = Effects.none();
        e.contactOpacity = 0.5;
        e.contactBlur = 4;
        Staging.Staged s = Staging.stage(photo, alpha, Layout.Preset.MARKETPLACE, 8, e);
        assertEquals(2000, s.canvas.width);
        assertFalse(s.placement.shrunkForEffects, "85 % leaves room for a contact shadow");
        RgbaImage out = new RgbaImage(2000, 2000, new int[2000 * 2000]);
        Compositor.composite(s.canvas, s.alpha, Compositor.prepare(s.canvas, Layout.Preset.MARKETPLACE.background,
                null, s.layers), null, out.pixels, 0, 2000);
        assertEquals(pack(255, 255, 255, 255), out.pixels[0]);
        Rect b = Crop.subjectBounds(s.alpha, 2000, 2000, 128);
        assertEquals(0.85, b.height / 2000.0, 0.01);
        int under = (b.bottom() + 2) * 2000 + 1000;
        int grey = out.pixels[under] & 0xFF;
        assertTrue(grey < 230 && grey > 100, "grey shadow under the subject: " + grey);
    }
}
