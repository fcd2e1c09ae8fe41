package app.cutout.core.edit;

import static app.cutout.core.image.RgbaImage.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.cutout.core.image.RgbaImage;
import org.junit.jupiter.api.Test;

class LayersTest {

    @Test
    void overFollowsTheFormula() {
        int bottom = pack(200, 100, 0, 200);
        int top = 100;
        int ub = (200 * 155 + 127) / 255;
        int a = top + ub;
        int expected = pack((10 * top + 200 * ub + a / 2) / a, (20 * top + 100 * ub + a / 2) / a,
                (30 * top + a / 2) / a, a);
        assertEquals(expected, Layers.over(pack(10, 20, 30, 0), top, bottom));
    }

    @Test
    void overEmptyOrOpaqueKeepsTheTop() {
        assertEquals(pack(1, 2, 3, 77), Layers.over(pack(1, 2, 3, 255), 77, 0));
        assertEquals(pack(1, 2, 3, 255), Layers.over(pack(1, 2, 3, 0), 255, pack(9, 9, 9, 255)));
        assertEquals(pack(9, 9, 9, 255), Layers.over(pack(1, 2, 3, 0), 0, pack(9, 9, 9, 255)));
    }

    @Test
    void paintScalesCoverageByOpacity() {
        int[] layers = new int[2];
        Layers.paint(layers, new byte[] {(byte) 255, 0}, pack(5, 6, 7, 0), 0.5);
        assertArrayEquals(new int[] {pack(5, 6, 7, 128), 0}, layers);
    }

    @Test
    void silhouetteIsSubjectOverLayer() {
        byte[] s = Layers.silhouette(new byte[] {0, (byte) 255, 100}, new byte[] {(byte) 200, 0, 100});
        assertArrayEquals(new byte[] {(byte) 200, (byte) 255, (byte) (100 + (100 * 155 + 127) / 255)}, s);
    }

    @Test
    void compositorWithEmptyLayersIsUnchanged() {
        RgbaImage photo = new RgbaImage(3, 1, new int[] {pack(10, 20, 30, 255), pack(40, 50, 60, 255),
            pack(70, 80, 90, 128)});
        byte[] alpha = {(byte) 255, 100, 0};
        for (Background bg : new Background[] {Background.transparent(), Background.color(1, 2, 3)}) {
            RgbaImage plain = Compositor.composite(photo, alpha, bg, null);
            int[] out = new int[3];
            Compositor.composite(photo, alpha, Compositor.prepare(photo, bg, null, new int[3]), null, out, 0, 3);
            assertArrayEquals(plain.pixels, out);
        }
    }

    @Test
    void compositorPutsLayersBetweenBackgroundAndSubject() {
        RgbaImage photo = new RgbaImage(2, 1, new int[] {pack(10, 20, 30, 255), pack(40, 50, 60, 255)});
        byte[] alpha = {(byte) 255, 0};
        int[] layers = {pack(200, 200, 200, 255), pack(100, 0, 0, 128)};
        int[] out = new int[2];
        Compositor.composite(photo, alpha, Compositor.prepare(photo, Background.transparent(), null, layers), null,
                out, 0, 2);
        assertArrayEquals(new int[] {pack(10, 20, 30, 255), pack(100, 0, 0, 128)}, out);
        Compositor.composite(photo, alpha, Compositor.prepare(photo, Background.color(0, 0, 255), null, layers),
                null, out, 0, 2);
        assertEquals(pack(10, 20, 30, 255), out[0]);
        assertEquals(Compositor.blend(pack(100, 0, 0, 0), pack(0, 0, 255, 0), 128), out[1]);
    }

    @Test
    void compositorRejectsLayersOfTheWrongSize() {
        RgbaImage photo = new RgbaImage(2, 1, new int[2]);
        assertThrows(IllegalArgumentException.class,
                () -> Compositor.prepare(photo, Background.transparent(), null, new int[3]));
    }
}
