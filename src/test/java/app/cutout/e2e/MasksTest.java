package app.cutout.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class MasksTest {
    private static byte[] mask(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void iouCountsForegroundAtThreshold128() {
        byte[] a = mask(255, 255, 128, 0);
        byte[] b = mask(255, 0, 200, 127);
        assertEquals(2.0 / 3.0, Masks.iou(a, b), 1e-12);
        assertEquals(1.0, Masks.iou(a, a));
        assertEquals(0.0, Masks.iou(mask(255, 0), mask(0, 255)));
        assertEquals(1.0, Masks.iou(mask(0, 127), mask(5, 0)), "two empty masks agree");
        assertThrows(IllegalArgumentException.class, () -> Masks.iou(mask(1), mask(1, 2)));
    }

    @Test
    void alphaComesFromTheArgbPixels() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x80112233);
        image.setRGB(1, 0, 0xFF445566);
        assertSame(image, Masks.toArgb(image));
        assertArrayEquals(mask(0x80, 0xFF), Masks.alpha(image));

        BufferedImage abgr = new BufferedImage(2, 1, BufferedImage.TYPE_4BYTE_ABGR);
        abgr.setRGB(0, 0, 0x03112233);
        BufferedImage converted = Masks.toArgb(abgr);
        assertEquals(BufferedImage.TYPE_INT_ARGB, converted.getType());
        assertEquals(0x03112233, converted.getRGB(0, 0), "conversion must not premultiply");

        BufferedImage opaque = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        assertArrayEquals(mask(0xFF), Masks.alpha(opaque));
    }

    @Test
    void centroidAndCoverage() {
        // 3×2 mask with foreground at (1,0) and (1,1) and (2,1).
        byte[] m = mask(0, 255, 0, 0, 200, 255);
        assertArrayEquals(new int[] {1, 1}, Masks.centroid(m, 3)); // x = 4/3, y = 2/3, rounded
        assertEquals(0.5, Masks.coverage(m));
        assertNull(Masks.centroid(mask(0, 0), 2));
    }
}
