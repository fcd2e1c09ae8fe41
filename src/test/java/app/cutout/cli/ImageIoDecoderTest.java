package app.cutout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.cutout.core.image.Refusal;
import app.cutout.core.image.RgbaImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's decoder gives the pipeline the file's own levels, as the browser does, and refuses what it must. */
class ImageIoDecoderTest {
    @TempDir
    Path dir;

    private Path png(String name, BufferedImage image) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void greyPngLevelsAreKeptLevelForLevel() throws IOException {
        BufferedImage grey = new BufferedImage(256, 1, BufferedImage.TYPE_BYTE_GRAY);
        byte[] levels = new byte[256];
        for (int i = 0; i < 256; i++) {
            levels[i] = (byte) i;
        }
        grey.getRaster().setDataElements(0, 0, 256, 1, levels);
        RgbaImage image = ImageIoDecoder.decodeFile(png("grey.png", grey));
        for (int i = 0; i < 256; i++) {
            assertEquals(RgbaImage.pack(i, i, i, 255), image.pixels[i], "level " + i);
        }
    }

    @Test
    void rgbaPngIsExactWithItsAlpha() throws IOException {
        BufferedImage argb = new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB);
        int[] colours = {0xFF102030, 0x80405060, 0x00708090, 0x01FFFFFF, 0xFEABCDEF, 0xFF000000};
        argb.setRGB(0, 0, 3, 2, colours, 0, 3);
        RgbaImage image = ImageIoDecoder.decodeFile(png("rgba.png", argb));
        int[] expected = Arrays.stream(colours).map(c -> RgbaImage.pack((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF,
                c >>> 24)).toArray();
        assertArrayEquals(expected, image.pixels);
    }

    @Test
    void sixteenBitPngIsScaledToEightBits() throws IOException {
        BufferedImage deep = new BufferedImage(new java.awt.image.ComponentColorModel(
                java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), false, false,
                java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_USHORT),
                java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_USHORT, 2, 1, 3, null),
                false, null);
        deep.getRaster().setPixels(0, 0, 2, 1, new int[] {0, 257 * 128, 65535, 257 * 7, 257 * 200, 257 * 255});
        RgbaImage image = ImageIoDecoder.decodeFile(png("deep.png", deep));
        assertArrayEquals(new int[] {RgbaImage.pack(0, 128, 255, 255), RgbaImage.pack(7, 200, 255, 255)},
                image.pixels);
    }

    @Test
    void gifAndBmpNamedOnTheCommandLineAreReadToo() throws IOException {
        BufferedImage rgb = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 12; i++) {
            rgb.setRGB(i % 4, i / 4, i % 2 == 0 ? 0xFF0000 : 0x0000FF);
        }
        for (String format : new String[] {"gif", "bmp"}) {
            Path file = dir.resolve("image." + format);
            ImageIO.write(rgb, format, file.toFile());
            RgbaImage image = ImageIoDecoder.decodeFile(file);
            assertEquals(RgbaImage.pack(255, 0, 0, 255), image.pixels[0], format);
            assertEquals(RgbaImage.pack(0, 0, 255, 255), image.pixels[1], format);
        }
    }

    @Test
    void cutShortDamagedAndNonImageFilesAreRefusedAsTheBrowserWould() throws IOException {
        BufferedImage scene = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                scene.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x ^ y) * 3 & 0xFF));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(scene, "png", bytes);
        byte[] whole = bytes.toByteArray();
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertEquals(Refusal.INCOMPLETE, assertThrows(Refusal.class, () -> ImageIoDecoder.decodeFile(cut)).code);

        byte[] jpeg = SamplePhotos.jpeg(scene, 0.9f);
        Path cutJpeg = dir.resolve("cut.jpg");
        Files.write(cutJpeg, Arrays.copyOf(jpeg, jpeg.length / 2));
        assertEquals(Refusal.INCOMPLETE, assertThrows(Refusal.class, () -> ImageIoDecoder.decodeFile(cutJpeg)).code);

        // A whole PNG whose image data is garbage.
        byte[] garbled = whole.clone();
        for (int i = 60; i < garbled.length - 20; i++) {
            garbled[i] = (byte) (i * 31);
        }
        Path damaged = dir.resolve("damaged.png");
        Files.write(damaged, garbled);
        assertEquals(Refusal.DAMAGED, assertThrows(Refusal.class, () -> ImageIoDecoder.decodeFile(damaged)).code);

        Path text = dir.resolve("notes.png");
        Files.writeString(text, "Shopping list:\n- milk\n");
        assertEquals(Refusal.UNREADABLE, assertThrows(Refusal.class, () -> ImageIoDecoder.decodeFile(text)).code);
    }
}
