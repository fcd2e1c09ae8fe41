package app.cutout.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Builds the corpus of awkward inputs from code, into {@code target/corpus/}: nothing is downloaded. Each
 * {@link Case} says what the app must do with its file: process it ({@link #DONE}) or refuse it with a message that
 * contains a given phrase (English UI).
 *
 * <p>javax.imageio writes the ordinary formats (16-bit, palette, CMYK, animated GIF); what it cannot write is built
 * by hand: the 30000×30000 PNG (a real decompression bomb, 2.6 MB of zeros that inflate to 2.7 GB) and the
 * animated WebP (a VP8X container with two VP8L frames, see {@link #animatedWebp}).
 */
public final class BadInputs {
    /** Expected outcome: the cutout is made. */
    public static final String DONE = "done";

    /**
     * One input and its expected outcome.
     *
     * @param expect {@link #DONE}, or a phrase the refusal must contain
     * @param width expected result width for {@link #DONE} cases (0 = not checked)
     */
    public record Case(Path file, String expect, int width, int height) {
        public boolean done() {
            return DONE.equals(expect);
        }
    }

    private BadInputs() {
    }

    /** Writes (or rewrites) every file and returns the cases in upload order. */
    public static List<Case> write(Path dir) {
        try {
            Files.createDirectories(dir);
            List<Case> cases = new ArrayList<>();
            byte[] photoJpeg = jpeg(scene(640, 480, 0));
            byte[] photoPng = png(scene(640, 480, 0));
            cases.add(refused(dir, "empty.png", new byte[0], "is empty"));
            cases.add(refused(dir, "truncated.jpg", Arrays.copyOf(photoJpeg, photoJpeg.length / 2), "incomplete"));
            cases.add(refused(dir, "truncated.png", Arrays.copyOf(photoPng, photoPng.length / 2), "incomplete"));
            cases.add(refused(dir, "notes.png",
                    "Shopping list:\n- milk\n- bread\n".getBytes(StandardCharsets.UTF_8), "not an image"));
            cases.add(refused(dir, "drawing.svg", svg().getBytes(StandardCharsets.UTF_8), "SVG"));
            // Headless Chromium cannot decode HEIC: the refusal must name the format and say how to convert it.
            cases.add(refused(dir, "IMG_0042.heic", heic(4032, 3024), "HEIC photo"));
            cases.add(refused(dir, "bomb-30000x30000.png", pngBomb(30000, 30000), "30000 × 30000"));
            cases.add(done(dir, "deep-16bit.png", png(sixteenBit(scene(320, 240, 1))), 320, 240));
            cases.add(done(dir, "palette.png", png(palette(scene(320, 240, 2))), 320, 240));
            cases.add(done(dir, "cmyk.jpg", cmykJpeg(scene(320, 240, 3)), 320, 240));
            cases.add(done(dir, "bitmap.bmp", encode(scene(320, 240, 7), "bmp"), 320, 240));
            cases.add(done(dir, "one-pixel.png", png(scene(1, 1, 4)), 1, 1));
            cases.add(done(dir, "thin-10000x10.png", png(scene(10000, 10, 5)), 10000, 10));
            cases.add(done(dir, "animated.gif", animatedGif(scene(320, 240, 6)), 320, 240));
            cases.add(done(dir, "animated.webp", animatedWebp(64, 48), 64, 48));
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bad-input corpus into " + dir, e);
        }
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/corpus");
        write(dir).forEach(c -> System.out.println(c.file() + " -> " + c.expect()));
    }

    private static Case refused(Path dir, String name, byte[] bytes, String phrase) throws IOException {
        return new Case(save(dir, name, bytes), phrase, 0, 0);
    }

    private static Case done(Path dir, String name, byte[] bytes, int width, int height) throws IOException {
        return new Case(save(dir, name, bytes), DONE, width, height);
    }

    private static Path save(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /**
     * A subject-like scene: a warm ellipse with a darker "head" on a cool graded background with mild texture.
     * {@code seed} shifts the colours so the files differ.
     */
    public static BufferedImage scene(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int y = 0; y < height; y++) {
            int shade = 150 + 60 * y / Math.max(1, height);
            g.setColor(new Color(90, (shade + seed * 7) % 256, Math.min(255, shade + 40)));
            g.fillRect(0, y, width, 1);
        }
        g.setColor(new Color(200, 90 + seed * 10 % 60, 50));
        g.fillOval(width * 3 / 10, height * 35 / 100, width * 4 / 10, height * 6 / 10);
        g.setColor(new Color(120, 60, 40));
        g.fillOval(width * 42 / 100, height * 12 / 100, width * 16 / 100, height * 26 / 100);
        g.dispose();
        return image;
    }

    public static byte[] png(BufferedImage image) throws IOException {
        return encode(image, "png");
    }

    public static byte[] jpeg(BufferedImage image) throws IOException {
        return encode(image, "jpg");
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("No " + format + " writer for " + image);
        }
        return out.toByteArray();
    }

    /** 16 bits per channel RGB: the PNG writer stores it with bit depth 16. */
    public static BufferedImage sixteenBit(BufferedImage rgb) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                ComponentColorModel.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(rgb.getWidth(), rgb.getHeight());
        int[] sample = new int[3];
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int p = rgb.getRGB(x, y);
                sample[0] = ((p >> 16) & 0xFF) * 257;
                sample[1] = ((p >> 8) & 0xFF) * 257;
                sample[2] = (p & 0xFF) * 257;
                raster.setPixel(x, y, sample);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /** An 8-bit palette image (PNG colour type 3) of a few dozen colours. */
    public static BufferedImage palette(BufferedImage rgb) {
        BufferedImage indexed = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = indexed.createGraphics();
        g.drawImage(rgb, 0, 0, null);
        g.dispose();
        return indexed;
    }

    /**
     * A 4-component (CMYK) baseline JPEG with an Adobe APP14 marker (transform 0), as print workflows write them.
     * The JPEG writer stores a 4-band {@link Raster} as it is; the Adobe marker tells decoders the bands are
     * inverted CMYK, which is how Photoshop writes them and how browsers read them.
     */
    public static byte[] cmykJpeg(BufferedImage rgb) throws IOException {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        int[] px = new int[4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb.getRGB(x, y);
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                int k = 255 - Math.max(r, Math.max(g, b));
                int denom = 255 - k;
                int c = denom == 0 ? 0 : (255 - r - k) * 255 / denom;
                int m = denom == 0 ? 0 : (255 - g - k) * 255 / denom;
                int yy = denom == 0 ? 0 : (255 - b - k) * 255 / denom;
                // Adobe CMYK JPEGs store the inverted values.
                px[0] = 255 - c;
                px[1] = 255 - m;
                px[2] = 255 - yy;
                px[3] = 255 - k;
                cmyk.setPixel(x, y, px);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.92f);
        IIOMetadata metadata = writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromRenderedImage(rgb), param);
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode jpegVariety = (IIOMetadataNode) root.getElementsByTagName("JPEGvariety").item(0);
        jpegVariety.getParentNode().removeChild(jpegVariety);
        root.insertBefore(new IIOMetadataNode("JPEGvariety"), markers);
        IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
        adobe.setAttribute("version", "101");
        adobe.setAttribute("flags0", "0");
        adobe.setAttribute("flags1", "0");
        adobe.setAttribute("transform", "0");
        markers.insertBefore(adobe, markers.getFirstChild());
        // Frame and scan headers for four components, no subsampling.
        IIOMetadataNode sof = (IIOMetadataNode) markers.getElementsByTagName("sof").item(0);
        IIOMetadataNode sos = (IIOMetadataNode) markers.getElementsByTagName("sos").item(0);
        sof.setAttribute("numFrameComponents", "4");
        while (sof.getFirstChild() != null) {
            sof.removeChild(sof.getFirstChild());
        }
        while (sos.getFirstChild() != null) {
            sos.removeChild(sos.getFirstChild());
        }
        sos.setAttribute("numScanComponents", "4");
        for (int i = 0; i < 4; i++) {
            IIOMetadataNode component = new IIOMetadataNode("componentSpec");
            component.setAttribute("componentId", Integer.toString(i + 1));
            component.setAttribute("HsamplingFactor", "1");
            component.setAttribute("VsamplingFactor", "1");
            component.setAttribute("QtableSelector", i == 0 ? "0" : "1");
            sof.appendChild(component);
            IIOMetadataNode scan = new IIOMetadataNode("scanComponentSpec");
            scan.setAttribute("componentSelector", Integer.toString(i + 1));
            scan.setAttribute("dcHuffTable", i == 0 ? "0" : "1");
            scan.setAttribute("acHuffTable", i == 0 ? "0" : "1");
            sos.appendChild(scan);
        }
        metadata.setFromTree(format, root);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(cmyk, null, metadata), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Two frames, 100 ms each: the scene, then a plain grey frame. Browsers decode the first. */
    public static byte[] animatedGif(BufferedImage first) throws IOException {
        BufferedImage second = new BufferedImage(first.getWidth(), first.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = second.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, second.getWidth(), second.getHeight());
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : List.of(palette(first), palette(second))) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(
                        frame), param);
                String format = metadata.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
                IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", "10");
                control.setAttribute("transparentColorIndex", "0");
                root.appendChild(control);
                IIOMetadataNode extensions = new IIOMetadataNode("ApplicationExtensions");
                IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
                loop.setAttribute("applicationID", "NETSCAPE");
                loop.setAttribute("authenticationCode", "2.0");
                loop.setUserObject(new byte[] {1, 0, 0});
                extensions.appendChild(loop);
                root.appendChild(extensions);
                metadata.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(frame, null, metadata), param);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * A PNG of {@code width × height} black RGB pixels whose IDAT really inflates to {@code 3·width·height}
     * bytes (plus a filter byte per row). Deflate compresses zeros about 1000:1, so the file stays small.
     */
    public static byte[] pngBomb(int width, int height) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9), 1 << 16)) {
            byte[] row = new byte[1 + 3 * width];
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(header);
        ihdr.writeInt(width);
        ihdr.writeInt(height);
        ihdr.write(new byte[] {8, 2, 0, 0, 0});
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(file);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        pngChunk(out, "IHDR", header.toByteArray());
        pngChunk(out, "IDAT", idat.toByteArray());
        pngChunk(out, "IEND", new byte[0]);
        return file.toByteArray();
    }

    private static void pngChunk(DataOutputStream out, String type, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        crc.update(name);
        crc.update(data);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    /**
     * The start of an iPhone-style HEIC file: {@code ftyp} with the heic brand, a {@code meta} box whose only property
     * is the image's extent, and an {@code mdat} of filler bytes where the HEVC data would be.
     */
    static byte[] heic(int width, int height) {
        java.nio.ByteBuffer ispe = java.nio.ByteBuffer.allocate(12).putInt(0).putInt(width).putInt(height);
        byte[] ftyp = box("ftyp", "heic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1));
        byte[] meta = box("meta", join(new byte[4], box("hdlr", new byte[25]),
                box("iprp", box("ipco", box("ispe", ispe.array())))));
        byte[] filler = new byte[4096];
        new java.util.Random(42).nextBytes(filler);
        return join(ftyp, meta, box("mdat", filler));
    }

    private static byte[] box(String type, byte[] body) {
        return java.nio.ByteBuffer.allocate(8 + body.length).putInt(8 + body.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(body).array();
    }

    private static byte[] join(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static String svg() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240">
                  <rect width="320" height="240" fill="#6aa0d0"/>
                  <ellipse cx="160" cy="150" rx="70" ry="80" fill="#c85a32"/>
                  <circle cx="160" cy="60" r="35" fill="#783c28"/>
                </svg>
                """;
    }

    /**
     * An animated WebP: a VP8X container (animation flag) with an ANIM chunk and two ANMF frames, each a lossless
     * VP8L bitstream. Frame 1 is a warm disc on a blue background, frame 2 plain grey.
     *
     * <p>The VP8L streams are written by {@link Vp8l}: no transforms, no colour cache, and "simple" prefix codes
     * of one or two symbols per channel, so each pixel costs one bit per two-symbol channel and the stream stays
     * trivial to produce while being fully valid.
     */
    public static byte[] animatedWebp(int width, int height) throws IOException {
        byte[] first = Vp8l.twoColour(width, height, 0xFF3264C8, 0xFFC85A32,
                (x, y) -> sq((x - width / 2.0) / (width * 0.3)) + sq((y - height / 2.0) / (height * 0.4)) < 1);
        byte[] second = Vp8l.twoColour(width, height, 0xFF808080, 0xFF808080, (x, y) -> false);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write("WEBP".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream vp8x = new ByteArrayOutputStream();
        vp8x.write(0x02); // animation
        vp8x.write(new byte[3]);
        le24(vp8x, width - 1);
        le24(vp8x, height - 1);
        riffChunk(body, "VP8X", vp8x.toByteArray());
        ByteArrayOutputStream anim = new ByteArrayOutputStream();
        anim.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0});
        riffChunk(body, "ANIM", anim.toByteArray());
        for (byte[] frame : List.of(first, second)) {
            ByteArrayOutputStream anmf = new ByteArrayOutputStream();
            le24(anmf, 0);
            le24(anmf, 0);
            le24(anmf, width - 1);
            le24(anmf, height - 1);
            le24(anmf, 100);
            anmf.write(0x02); // do not blend
            riffChunk(anmf, "VP8L", frame);
            riffChunk(body, "ANMF", anmf.toByteArray());
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("RIFF".getBytes(StandardCharsets.US_ASCII));
        le32(file, body.size());
        body.writeTo(file);
        return file.toByteArray();
    }

    private static double sq(double v) {
        return v * v;
    }

    private static void riffChunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(type.getBytes(StandardCharsets.US_ASCII));
        le32(out, data.length);
        out.write(data);
        if ((data.length & 1) != 0) {
            out.write(0);
        }
    }

    private static void le24(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >> 8) & 0xFF);
        out.write((v >> 16) & 0xFF);
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        le24(out, v);
        out.write((v >>> 24) & 0xFF);
    }

    /** A minimal VP8L (lossless WebP) encoder for two-colour images. */
    public static final class Vp8l {
        public interface Mask {
            boolean on(int x, int y);
        }

        private long bits;
        private int count;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /**
         * @param background ARGB of pixels where {@code mask} is false
         * @param foreground ARGB of pixels where it is true
         */
        public static byte[] twoColour(int width, int height, int background, int foreground, Mask mask) {
            Vp8l w = new Vp8l();
            w.out.write(0x2F);
            w.put(width - 1, 14);
            w.put(height - 1, 14);
            w.put(0, 1); // alpha_is_used: opaque
            w.put(0, 3); // version
            w.put(0, 1); // no transform
            w.put(0, 1); // no colour cache
            w.put(0, 1); // no meta prefix codes
            // Channel order of the five codes: green, red, blue, alpha, distance.
            int[] shifts = {8, 16, 0, 24};
            boolean[] twoSymbols = new boolean[4];
            int[] low = new int[4];
            for (int c = 0; c < 4; c++) {
                int b = (background >>> shifts[c]) & 0xFF;
                int f = (foreground >>> shifts[c]) & 0xFF;
                low[c] = Math.min(b, f);
                twoSymbols[c] = b != f;
                w.simpleCode(b == f ? new int[] {b} : new int[] {Math.min(b, f), Math.max(b, f)});
            }
            w.simpleCode(new int[] {0}); // distance: unused
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int argb = mask.on(x, y) ? foreground : background;
                    for (int c = 0; c < 4; c++) {
                        if (twoSymbols[c]) {
                            // Canonical codes of a two-symbol simple code: the smaller symbol is 0, the larger 1.
                            w.put(((argb >>> shifts[c]) & 0xFF) == low[c] ? 0 : 1, 1);
                        }
                    }
                }
            }
            w.flush();
            return w.out.toByteArray();
        }

        private void simpleCode(int[] symbols) {
            put(1, 1); // simple code
            put(symbols.length - 1, 1);
            // First symbol in 8 bits (is_first_8bits = 1); the second, when present, always takes 8 bits.
            put(1, 1);
            put(symbols[0], 8);
            if (symbols.length == 2) {
                put(symbols[1], 8);
            }
        }

        private void put(int value, int n) {
            bits |= ((long) value & ((1L << n) - 1)) << count;
            count += n;
            while (count >= 8) {
                out.write((int) (bits & 0xFF));
                bits >>>= 8;
                count -= 8;
            }
        }

        private void flush() {
            if (count > 0) {
                out.write((int) (bits & 0xFF));
            }
            bits = 0;
            count = 0;
        }
    }
}
