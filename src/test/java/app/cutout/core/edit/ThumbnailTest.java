package app.cutout.core.edit;

import static app.cutout.core.image.RgbaImage.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.cutout.core.image.RgbaImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThumbnailTest {

    @Test
    void averagesBlocksWeightedByAlpha() {
        // 4x2 into 2: width 2, height round(2 * 2 / 4) = 1; each output pixel is a 2x2 block.
        // Left block: one opaque red and three transparent blues. a = 255 / 4 = 63.75 -> 64;
        // colour = (0.25 * 255 * 255) / 63.75 = 255 red, and no blue (transparent colour does not bleed).
        // Right block: alphas 255, 255, 0, 0 with greys 100, 200 (and 50 transparent): a = 127.5 -> 128,
        // grey = (100 * 255 + 200 * 255) / 510 = 150.
        int blue0 = pack(0, 0, 255, 0);
        RgbaImage image = new RgbaImage(4, 2, new int[] {
            pack(255, 0, 0, 255), blue0, pack(100, 100, 100, 255), pack(200, 200, 200, 255),
            blue0, blue0, pack(50, 50, 50, 0), pack(50, 50, 50, 0)});
        RgbaImage thumb = Thumbnail.fit(image, 2);
        assertEquals(2, thumb.width);
        assertEquals(1, thumb.height);
        assertArrayEquals(new int[] {pack(255, 0, 0, 64), pack(150, 150, 150, 128)}, thumb.pixels);
    }

    @Test
    void fullyTransparentBecomesZero() {
        RgbaImage image = new RgbaImage(2, 2, new int[] {0x00FFFFFF, 0x00FFFFFF, 0x00FFFFFF, 0x00FFFFFF});
        assertArrayEquals(new int[] {0}, Thumbnail.fit(image, 1).pixels);
    }

    @Test
    void fractionalFootprints() {
        // 3x1 into 2: width 2, height max(1, round(1 * 2 / 3)) = 1. Column footprints 1.5 wide: [0, 1.5) and
        // [1.5, 3): (30 + 0.5 * 60) / 1.5 = 40 and (0.5 * 60 + 90) / 1.5 = 80.
        RgbaImage image = new RgbaImage(3, 1, new int[] {pack(30, 30, 30, 255), pack(60, 60, 60, 255),
            pack(90, 90, 90, 255)});
        assertArrayEquals(new int[] {pack(40, 40, 40, 255), pack(80, 80, 80, 255)},
                Thumbnail.fit(image, 2).pixels);
    }

    @Test
    void keepsAspectAndCopiesSmallImages() {
        RgbaImage tall = new RgbaImage(30, 1000, new int[30 * 1000]);
        RgbaImage t = Thumbnail.fit(tall, 100);
        // Height 100, width round(30 * 100 / 1000) = 3.
        assertEquals(3, t.width);
        assertEquals(100, t.height);
        RgbaImage thin = Thumbnail.fit(new RgbaImage(1000, 2, new int[2000]), 100);
        assertEquals(100, thin.width);
        assertEquals(1, thin.height); // round(0.2) = 0, at least 1

        RgbaImage small = new RgbaImage(2, 1, new int[] {0x00123456, 0xFF000000});
        RgbaImage copy = Thumbnail.fit(small, 2);
        assertNotSame(small.pixels, copy.pixels);
        assertArrayEquals(small.pixels, copy.pixels); // colour under zero alpha kept
    }

    @Test
    void matchesNaivePremultipliedBlockAverage() {
        // 4x4 blocks (16 x 12 into 4 x 3): weights 1/16 are exact, so the float path rounds like exact arithmetic.
        Random random = new Random(47);
        for (int n = 0; n < 50; n++) {
            int[] px = new int[16 * 12];
            for (int i = 0; i < px.length; i++) {
                int a = random.nextInt(4) == 0 ? 0 : random.nextInt(4) == 0 ? 255 : random.nextInt(256);
                px[i] = (random.nextInt() & 0xFFFFFF) | (a << 24);
            }
            RgbaImage thumb = Thumbnail.fit(new RgbaImage(16, 12, px), 4);
            assertEquals(4, thumb.width);
            assertEquals(3, thumb.height);
            for (int by = 0; by < 3; by++) {
                for (int bx = 0; bx < 4; bx++) {
                    long sa = 0;
                    long[] sc = new long[3];
                    for (int y = 0; y < 4; y++) {
                        for (int x = 0; x < 4; x++) {
                            int p = px[(by * 4 + y) * 16 + bx * 4 + x];
                            int a = p >>> 24;
                            sa += a;
                            for (int c = 0; c < 3; c++) {
                                sc[c] += (long) a * ((p >>> (8 * c)) & 0xFF);
                            }
                        }
                    }
                    // Round half up: a = round(sa / 16), c = round(sc / sa).
                    int a = (int) ((2 * sa + 16) / 32);
                    int expected = 0;
                    if (sa > 0) {
                        int r = (int) ((2 * sc[0] + sa) / (2 * sa));
                        int g = (int) ((2 * sc[1] + sa) / (2 * sa));
                        int b = (int) ((2 * sc[2] + sa) / (2 * sa));
                        expected = pack(r, g, b, a);
                    }
                    assertEquals(expected, thumb.pixels[by * 4 + bx], "case " + n + " block " + bx + "," + by);
                }
            }
        }
    }

    @Test
    void rejectsNonPositiveSize() {
        assertEquals("Expected a positive maximum size, got 0", assertThrows(IllegalArgumentException.class,
                () -> Thumbnail.fit(new RgbaImage(1, 1, new int[1]), 0)).getMessage());
    }
}
