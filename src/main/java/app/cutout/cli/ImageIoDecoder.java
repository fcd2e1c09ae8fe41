package app.cutout.cli;

import app.cutout.core.image.ImageHeader;
import app.cutout.core.image.Intake;
import app.cutout.core.image.Orientation;
import app.cutout.core.image.PhotoSource;
import app.cutout.core.image.Refusal;
import app.cutout.core.image.RgbaImage;
import app.cutout.core.pipeline.PhotoDecoder;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The JVM's twin of the browser worker's decoder: javax.imageio, then the EXIF orientation ({@link Orientation}),
 * with the colours the browser gives the pipeline.
 *
 * <ul>
 *   <li>PNG: the file's own samples, with no colour conversion ({@code colorSpaceConversion: "none"} in the
 *       browser): a gamma or ICC chunk changes nothing, and grey stays grey level for level.</li>
 *   <li>JPEG: RGB as decoded; an embedded ICC profile is converted to sRGB, as the browser's default path does.</li>
 *   <li>Other formats javax.imageio reads (GIF, BMP) through its sRGB conversion.</li>
 * </ul>
 *
 * A file javax.imageio cannot read is refused as {@link Intake#undecodable} says (incomplete, damaged, not an image);
 * WebP and AVIF, which it has no reader for, with {@link #UNSUPPORTED_FORMAT}.
 */
final class ImageIoDecoder implements PhotoDecoder {
    /** A real image in a format this host cannot decode; {1} is the format's name. */
    static final String UNSUPPORTED_FORMAT = "unsupported-format";

    static {
        // Decode in memory: no temporary files for stream caching.
        ImageIO.setUseCache(false);
    }

    @Override
    public RgbaImage decode(PhotoSource photo, Intake.Plan plan, int[] reuse) {
        ImageHeader header = plan.header;
        try (ImageInputStream in = open(photo)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw noReader(photo, header);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                int orientation = header.orientation;
                boolean turned = Orientation.turns(orientation);
                // The header gave no size: check the real one before the pixels are decoded.
                Intake.checkDecoded(plan, photo, turned ? height : width, turned ? width : height);
                boolean[] warned = new boolean[1];
                reader.addIIOReadWarningListener((source, warning) -> warned[0] = true);
                BufferedImage image = reader.read(0);
                if (warned[0] && header.truncated) {
                    // javax.imageio fills what a cut-short JPEG lacks with grey and only warns; the browser refuses.
                    throw Intake.undecodable(photo, header);
                }
                // Turned photos get a new array anyway: decode into the spare one only when it is the result.
                int[] pixels = rgba(image, header.format == ImageHeader.Format.PNG,
                        orientation < 2 || orientation > 8 ? reuse : null);
                return Orientation.apply(new RgbaImage(image.getWidth(), image.getHeight(), pixels), orientation);
            } finally {
                reader.dispose();
            }
        } catch (Refusal e) {
            throw e;
        } catch (javax.imageio.IIOException e) {
            if (header.format == ImageHeader.Format.JPEG && String.valueOf(e.getMessage()).contains("Unsupported")) {
                // javax.imageio reads no CMYK or YCCK JPEGs (print workflows write them); browsers do.
                throw new Refusal(UNSUPPORTED_FORMAT, photo.name(), "CMYK JPEG");
            }
            throw Intake.undecodable(photo, header);
        } catch (IOException | RuntimeException e) {
            throw Intake.undecodable(photo, header);
        }
    }

    private static ImageInputStream open(PhotoSource photo) throws IOException {
        if (photo instanceof FilePhoto) {
            return ImageIO.createImageInputStream(((FilePhoto) photo).path.toFile());
        }
        long size = photo.bytes().size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("too large to read into memory: " + size + " bytes");
        }
        byte[] bytes = new byte[(int) size];
        int n = photo.bytes().read(0, bytes, bytes.length);
        return ImageIO.createImageInputStream(new ByteArrayInputStream(bytes, 0, n));
    }

    /** No javax.imageio reader recognises the bytes. */
    private static Refusal noReader(PhotoSource photo, ImageHeader header) {
        if (!header.truncated && (header.format == ImageHeader.Format.WEBP
                || header.format == ImageHeader.Format.AVIF)) {
            return new Refusal(UNSUPPORTED_FORMAT, photo.name(), header.format.label);
        }
        return Intake.undecodable(photo, header);
    }

    /**
     * The pixels in {@link RgbaImage}'s packing, into {@code reuse} when it has the right length.
     *
     * @param raw take the samples as stored, without javax.imageio's colour conversion (PNG)
     */
    static int[] rgba(BufferedImage image, boolean raw, int[] reuse) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] out = reuse != null && reuse.length == width * height ? reuse : new int[width * height];
        ColorModel model = image.getColorModel();
        int type = model.getColorSpace().getType();
        boolean gray = type == ColorSpace.TYPE_GRAY;
        // Grey JPEGs are shown level for level too: javax.imageio's getRGB would treat the levels as linear light.
        if (model instanceof ComponentColorModel && !model.isAlphaPremultiplied()
                && (raw || gray || model.getColorSpace().isCS_sRGB())) {
            samples(image.getRaster(), model, gray, out, width, height);
            return out;
        }
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            int o = y * width;
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                out[o + x] = (argb & 0xFF00FF00) | ((argb & 0xFF) << 16) | ((argb >>> 16) & 0xFF);
            }
        }
        return out;
    }

    /** Grey, grey + alpha, RGB or RGBA samples of any depth, scaled to 8 bits. */
    private static void samples(Raster raster, ColorModel model, boolean gray, int[] out, int width, int height) {
        int bands = raster.getNumBands();
        int colours = gray ? 1 : 3;
        boolean alpha = model.hasAlpha() && bands > colours;
        int[] max = new int[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1 << model.getComponentSize(b)) - 1;
        }
        int[] row = new int[width * bands];
        for (int y = 0; y < height; y++) {
            raster.getPixels(0, y, width, 1, row);
            int o = y * width;
            for (int x = 0, i = 0; x < width; x++, i += bands) {
                int r = level(row[i], max[0]);
                int g = gray ? r : level(row[i + 1], max[1]);
                int b = gray ? r : level(row[i + 2], max[2]);
                int a = alpha ? level(row[i + colours], max[colours]) : 255;
                out[o + x] = RgbaImage.pack(r, g, b, a);
            }
        }
    }

    private static int level(int sample, int max) {
        return max == 255 ? sample : (int) (((long) sample * 255 + max / 2) / max);
    }

    /** Decodes a file as the command does, header checks included. */
    static RgbaImage decodeFile(java.nio.file.Path file) {
        FilePhoto photo = new FilePhoto(file);
        return new ImageIoDecoder().decode(photo, Intake.check(photo, 0, 0), null);
    }
}
