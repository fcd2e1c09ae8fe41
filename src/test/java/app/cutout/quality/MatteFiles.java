package app.cutout.quality;

import app.cutout.core.image.RgbaImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Reading and writing the photos and 8-bit gray mattes of a ground-truth set with javax.imageio. */
public final class MatteFiles {
    private MatteFiles() {
    }

    /** The photos of a ground-truth folder ({@code NAME.jpg|png}, not the {@code NAME.matte.png} mattes), sorted. */
    static java.util.List<Path> photos(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().matches(".*\\.(jpg|png)") && !p.toString().endsWith(".matte.png"))
                    .sorted().toList();
        }
    }

    public static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("javax.imageio cannot decode " + file);
        }
        return image;
    }

    /** The app's packed pixels ({@link RgbaImage#pack}), opaque. */
    public static int[] packedRgba(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        int[] rgba = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            rgba[i] = RgbaImage.pack((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF, 255);
        }
        return rgba;
    }

    /** Interleaved R, G, B in 0..1. */
    static float[] rgbFloats(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] px = image.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[3 * px.length];
        for (int i = 0; i < px.length; i++) {
            out[3 * i] = ((px[i] >> 16) & 0xFF) / 255f;
            out[3 * i + 1] = ((px[i] >> 8) & 0xFF) / 255f;
            out[3 * i + 2] = (px[i] & 0xFF) / 255f;
        }
        return out;
    }

    /** The raw samples of a one-band 8-bit image (no colour conversion). */
    static byte[] grayBytes(BufferedImage gray) throws IOException {
        if (gray.getRaster().getNumBands() != 1 || gray.getSampleModel().getSampleSize(0) != 8) {
            throw new IOException("Expected an 8-bit gray image");
        }
        int w = gray.getWidth();
        int h = gray.getHeight();
        byte[] out = new byte[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            gray.getRaster().getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (byte) row[x];
            }
        }
        return out;
    }

    static float[] grayFloats(BufferedImage gray) throws IOException {
        byte[] b = grayBytes(gray);
        float[] out = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (b[i] & 0xFF) / 255f;
        }
        return out;
    }

    static void writeGray(Path file, byte[] gray, int w, int h) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        // Raster writes are raw samples; setRGB would push the values through a colour conversion.
        image.getRaster().setDataElements(0, 0, w, h, gray);
        ImageIO.write(image, "png", file.toFile());
    }

    static void writeJpeg(BufferedImage image, Path file, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        Files.deleteIfExists(file);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
