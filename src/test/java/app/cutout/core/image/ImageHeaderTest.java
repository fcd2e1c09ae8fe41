package app.cutout.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.image.ImageHeader.Format;
import app.cutout.e2e.BadInputs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageHeaderTest {
    private static ImageHeader read(byte[] bytes) {
        return ImageHeader.read(ByteSource.of(bytes));
    }

    private static void assertHeader(Format format, int width, int height, ImageHeader header) {
        assertEquals(format, header.format, header.toString());
        assertEquals(width, header.width, "width of " + header);
        assertEquals(height, header.height, "height of " + header);
    }

    // ---- PNG ----

    @Test
    void readsPngSizesOfEveryColourType() throws IOException {
        BufferedImage scene = BadInputs.scene(320, 240, 0);
        for (BufferedImage image : List.of(scene, BadInputs.sixteenBit(scene), BadInputs.palette(scene))) {
            ImageHeader header = read(BadInputs.png(image));
            assertHeader(Format.PNG, 320, 240, header);
            assertFalse(header.truncated, "complete file");
            assertFalse(header.animated);
        }
    }

    @Test
    void readsTheBombsClaimedSizeWithoutReadingItsData() throws IOException {
        // A real 1x1 PNG whose IHDR is patched to claim 30000x30000 (the parser does not check CRCs), padded to a
        // megabyte so that reading it all would show.
        byte[] bomb = Arrays.copyOf(BadInputs.png(BadInputs.scene(1, 1, 0)), 1 << 20);
        ByteBuffer.wrap(bomb).putInt(16, 30000).putInt(20, 30000);
        int[] reads = {0};
        ByteSource counting = new ByteSource() {
            @Override
            public long size() {
                return bomb.length;
            }

            @Override
            public int read(long offset, byte[] dst, int length) {
                reads[0]++;
                return ByteSource.of(bomb).read(offset, dst, length);
            }
        };
        ImageHeader header = ImageHeader.read(counting);
        assertHeader(Format.PNG, 30000, 30000, header);
        assertEquals(900_000_000L, header.pixels());
        assertTrue(reads[0] <= 2, "the header and the tail only, got " + reads[0] + " reads of a "
                + bomb.length + "-byte file");
    }

    @Test
    void aCutPngIsTruncated() throws IOException {
        byte[] png = BadInputs.png(BadInputs.scene(320, 240, 0));
        ImageHeader half = read(Arrays.copyOf(png, png.length / 2));
        assertHeader(Format.PNG, 320, 240, half);
        assertTrue(half.truncated, "no IEND");
        ImageHeader stub = read(Arrays.copyOf(png, 20));
        assertHeader(Format.PNG, 0, 0, stub);
        assertTrue(stub.truncated, "cut inside IHDR");
    }

    @Test
    void apngIsAnimated() throws IOException {
        byte[] png = BadInputs.png(BadInputs.scene(8, 8, 0));
        // acTL (8 bytes: frames, plays) goes right after IHDR, which ends at byte 33.
        byte[] actl = chunk("acTL", new byte[] {0, 0, 0, 2, 0, 0, 0, 0});
        byte[] apng = concat(Arrays.copyOf(png, 33), actl, Arrays.copyOfRange(png, 33, png.length));
        ImageHeader header = read(apng);
        assertHeader(Format.PNG, 8, 8, header);
        assertTrue(header.animated);
    }

    // ---- JPEG ----

    @Test
    void readsJpegSizeAndNoOrientation() throws IOException {
        ImageHeader header = read(BadInputs.jpeg(BadInputs.scene(640, 480, 0)));
        assertHeader(Format.JPEG, 640, 480, header);
        assertEquals(1, header.orientation);
        assertFalse(header.truncated);
        assertEquals(640, header.displayWidth());
    }

    @Test
    void readsCmykJpegSize() throws IOException {
        assertHeader(Format.JPEG, 320, 240, read(BadInputs.cmykJpeg(BadInputs.scene(320, 240, 0))));
    }

    @Test
    void exifOrientationTurnsTheDisplaySize() throws IOException {
        byte[] jpeg = BadInputs.jpeg(BadInputs.scene(400, 200, 0));
        for (boolean little : new boolean[] {false, true}) {
            ImageHeader header = read(withSegment(jpeg, 0xE1, exif(6, little)));
            assertHeader(Format.JPEG, 400, 200, header);
            assertEquals(6, header.orientation, little ? "II" : "MM");
            assertEquals(200, header.displayWidth());
            assertEquals(400, header.displayHeight());
        }
        assertEquals(1, read(withSegment(jpeg, 0xE1, exif(9, false))).orientation, "out of range counts as 1");
    }

    @Test
    void findsTheFrameHeaderBehindLargeMetadata() throws IOException {
        byte[] jpeg = BadInputs.jpeg(BadInputs.scene(64, 48, 0));
        byte[] icc = new byte[65_000];
        // Three 65 KB segments push the frame header past the first three read windows.
        byte[] big = withSegment(withSegment(withSegment(jpeg, 0xE2, icc), 0xE2, icc), 0xE2, icc);
        assertHeader(Format.JPEG, 64, 48, read(big));
    }

    @Test
    void progressiveFrameHeadersCount() {
        // SOI, SOF2 (progressive) with precision 8, height 300, width 500, then EOI.
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC2, 0, 11, 8, 1, 44, 1, (byte) 0xF4, 1, 1, 0x11,
            0, (byte) 0xFF, (byte) 0xD9};
        assertHeader(Format.JPEG, 500, 300, read(jpeg));
    }

    @Test
    void aCutJpegIsTruncatedButKeepsItsSize() throws IOException {
        byte[] jpeg = BadInputs.jpeg(BadInputs.scene(640, 480, 0));
        ImageHeader header = read(Arrays.copyOf(jpeg, jpeg.length / 2));
        assertHeader(Format.JPEG, 640, 480, header);
        assertTrue(header.truncated);
        ImageHeader stub = read(Arrays.copyOf(jpeg, 30));
        assertHeader(Format.JPEG, 0, 0, stub);
        assertTrue(stub.truncated, "ends before the frame header");
    }

    // ---- GIF ----

    @Test
    void gifSizeAndAnimation() throws IOException {
        BufferedImage scene = BadInputs.scene(320, 240, 0);
        ImageHeader still = read(encode(BadInputs.palette(scene), "gif"));
        assertHeader(Format.GIF, 320, 240, still);
        assertFalse(still.animated);
        assertFalse(still.truncated);
        ImageHeader animated = read(BadInputs.animatedGif(scene));
        assertHeader(Format.GIF, 320, 240, animated);
        assertTrue(animated.animated);
        byte[] gif = BadInputs.animatedGif(scene);
        assertTrue(read(Arrays.copyOf(gif, gif.length - 100)).truncated, "no trailer");
    }

    // ---- WebP ----

    @Test
    void webpSizesOfAllThreeKinds() throws IOException {
        ImageHeader lossless = read(riff("VP8L", BadInputs.Vp8l.twoColour(70, 30, 0xFF000000, 0xFFFFFFFF,
                (x, y) -> x > y)));
        assertHeader(Format.WEBP, 70, 30, lossless);
        assertFalse(lossless.truncated);

        // Lossy: frame tag (3 bytes), start code 9D 01 2A, 14-bit width and height (top bits are scaling).
        byte[] vp8 = {0x10, 0x02, 0x00, (byte) 0x9D, 0x01, 0x2A, (byte) 0x80, (byte) 0x87, 0x38, 0x04, 0, 0};
        assertHeader(Format.WEBP, 1920, 1080, read(riff("VP8 ", vp8)));

        ImageHeader animated = read(BadInputs.animatedWebp(64, 48));
        assertHeader(Format.WEBP, 64, 48, animated);
        assertTrue(animated.animated);
        assertFalse(animated.truncated);
        byte[] whole = BadInputs.animatedWebp(64, 48);
        assertTrue(read(Arrays.copyOf(whole, whole.length - 10)).truncated, "RIFF size past the end");
    }

    // ---- BMP ----

    @Test
    void bmpSizeBottomUpAndTopDown() throws IOException {
        byte[] bmp = encode(BadInputs.scene(33, 17, 0), "bmp");
        assertHeader(Format.BMP, 33, 17, read(bmp));
        byte[] topDown = bmp.clone();
        ByteBuffer.wrap(topDown).order(ByteOrder.LITTLE_ENDIAN).putInt(22, -17);
        assertHeader(Format.BMP, 33, 17, read(topDown));
        assertTrue(read(Arrays.copyOf(bmp, bmp.length / 2)).truncated);
    }

    // ---- AVIF ----

    @Test
    void avifTakesTheLargestSpatialExtent() {
        byte[] ftyp = box("ftyp", concat(ascii("avif"), new byte[4], ascii("mif1"), ascii("miaf")));
        // A grid image (4000x3000) made of tiles (512x512): the grid's extent is the image's.
        byte[] ipco = box("ipco", concat(ispe(512, 512), ispe(4000, 3000)));
        byte[] meta = box("meta", concat(new byte[4], box("hdlr", new byte[25]), box("iprp", ipco)));
        ImageHeader header = read(concat(ftyp, meta, box("mdat", new byte[100])));
        assertHeader(Format.AVIF, 4000, 3000, header);
        assertFalse(header.truncated);
        byte[] cut = concat(ftyp, meta, Arrays.copyOf(box("mdat", new byte[100]), 50));
        assertTrue(read(cut).truncated, "mdat runs past the end");
    }

    @Test
    void heicIsNamedWithItsSizeAndIsNotAvif() {
        byte[] ftyp = box("ftyp", concat(ascii("heic"), new byte[4], ascii("mif1"), ascii("heic")));
        byte[] meta = box("meta", concat(new byte[4], box("hdlr", new byte[25]),
                box("iprp", box("ipco", ispe(4032, 3024)))));
        assertHeader(Format.HEIC, 4032, 3024, read(concat(ftyp, meta, box("mdat", new byte[8]))));
        // An AVIF brand wins: AVIF files list mif1 too.
        byte[] avif = box("ftyp", concat(ascii("mif1"), new byte[4], ascii("mif1"), ascii("avif")));
        assertEquals(Format.AVIF, read(concat(avif, box("mdat", new byte[8]))).format);
        byte[] mp4 = box("ftyp", concat(ascii("isom"), new byte[4], ascii("isom"), ascii("mp41")));
        assertEquals(Format.UNKNOWN, read(concat(mp4, box("mdat", new byte[8]))).format);
    }

    // ---- the rest ----

    @Test
    void svgIsRecognisedEvenAfterABomAndAProlog() {
        assertEquals(Format.SVG, read(BadInputs.svg().getBytes(StandardCharsets.UTF_8)).format);
        byte[] bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "\n  <!-- logo -->\n<svg viewBox='0 0 1 1'/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(Format.SVG, read(bom).format);
        assertEquals(Format.UNKNOWN, read("<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8)).format);
    }

    @Test
    void textAndEmptyFilesAreUnknown() {
        ImageHeader text = read("Shopping list:\n- milk\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(Format.UNKNOWN, text.format);
        assertFalse(text.knowsSize());
        assertEquals(Format.UNKNOWN, read(new byte[0]).format);
    }

    @Test
    void neverThrowsOnAnyPrefixOrOnNoise() throws IOException {
        BufferedImage scene = BadInputs.scene(40, 30, 0);
        List<byte[]> files = List.of(BadInputs.png(scene), BadInputs.jpeg(scene), BadInputs.animatedGif(scene),
                BadInputs.animatedWebp(40, 30), encode(scene, "bmp"), withSegment(BadInputs.jpeg(scene), 0xE1,
                        exif(3, true)));
        for (byte[] file : files) {
            for (int n = 0; n <= Math.min(file.length, 1500); n++) {
                ImageHeader.read(ByteSource.of(Arrays.copyOf(file, n)));
            }
        }
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            byte[] file = files.get(i % files.size());
            // Keep a real signature so the format's own parser sees the noise.
            System.arraycopy(file, 0, noise, 0, Math.min(noise.length, 4 + random.nextInt(30)));
            ImageHeader header = ImageHeader.read(ByteSource.of(noise));
            assertTrue(header.width >= 0 && header.height >= 0, header.toString());
        }
    }

    // ---- helpers ----

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }

    /** Inserts a JPEG marker segment right after SOI. */
    private static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        int length = payload.length + 2;
        byte[] head = {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length};
        return concat(Arrays.copyOf(jpeg, 2), head, payload, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** An EXIF payload whose IFD0 holds one entry before Orientation, then Orientation (SHORT). */
    private static byte[] exif(int orientation, boolean little) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 24 + 4).order(little ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN);
        b.put(ascii("Exif")).put((byte) 0).put((byte) 0);
        b.put(ascii(little ? "II" : "MM")).putShort((short) 42).putInt(8);
        b.putShort((short) 2);
        // ImageWidth (LONG), then Orientation.
        b.putShort((short) 0x0100).putShort((short) 4).putInt(1).putInt(400);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    private static byte[] riff(String fourcc, byte[] payload) {
        byte[] chunk = concat(ascii(fourcc), le32(payload.length), payload,
                payload.length % 2 == 1 ? new byte[1] : new byte[0]);
        return concat(ascii("RIFF"), le32(4 + chunk.length), ascii("WEBP"), chunk);
    }

    private static byte[] box(String type, byte[] payload) {
        return concat(ByteBuffer.allocate(4).putInt(8 + payload.length).array(), ascii(type), payload);
    }

    private static byte[] ispe(int width, int height) {
        return box("ispe", ByteBuffer.allocate(12).putInt(0).putInt(width).putInt(height).array());
    }

    private static byte[] chunk(String type, byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(ascii(type));
        crc.update(data);
        return concat(ByteBuffer.allocate(4).putInt(data.length).array(), ascii(type), data,
                ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
