package app.cutout.quality;

import app.cutout.core.refine.ForegroundEstimator;
import app.cutout.core.refine.RefineOptions;
import app.cutout.e2e.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Builds a directory of photos with known alpha mattes for {@code bench/run.sh --quality}: {@code NAME.jpg} (or
 * {@code .png}) and {@code NAME.matte.png} (8-bit gray, same size). Everything is computed here from sample photos
 * in Debian packages (fetched by {@link TestImages}); nothing is downloaded from elsewhere.
 *
 * <p><b>{@code plant.jpg}</b>: OpenCV's alphamat example photo (500x333) with {@code plant_result.png}, the matte
 * OpenCV's information-flow matting computes for it from a hand-drawn trimap. That matte is an algorithm's estimate,
 * not a measurement, so it is the truth only approximately.
 *
 * <p><b>{@code plant-*}</b>: the same plant composited onto other photos, exact by construction:
 * <ol>
 *   <li>{@code α} = the plant's matte; its foreground colour {@code F} is estimated from the photo and {@code α} with
 *       {@link ForegroundEstimator#estimateMultiLevel} (pymatting's multi-level method), which removes most of the
 *       old background's colour from the semi-transparent leaves.</li>
 *   <li>{@code F} and {@code α} are scaled (bilinear) so that the plant's frame spans the new photo's height, placed
 *       against its right edge (or mirrored, against its left edge): the matte touches the top, right and bottom
 *       of its frame (leaves, leaves, pot), so those cuts fall on the new photo's borders, never inside it.</li>
 * </ol>
 *
 * <p><b>{@code cut-*}</b>: ISNet does not take the plant's foliage for a subject (on {@code plant.jpg} and every
 * plant composite it keeps the blue clothes-peg, on some the pot too: IoU 0.043; with the peg recoloured green or
 * painted out it kept the pot: IoU 0.004 to 0.25), so these carry the comparison. A subject ISNet does find (the
 * astronaut, the squirrel, the coffee cup) is cut out of its photo along a known outline and pasted onto another:
 * <ol>
 *   <li>The outline is ISNet's own 1024x1024 mask of the original photo ({@link IsnetJava}: the app's
 *       pre-processing, ONNX Runtime Java), eroded by {@link #ERODE} source pixels so that the pasted pixels are the
 *       subject's interior, not its old background, then thresholded at 0.5.</li>
 *   <li>{@code α} is the exact area of each output pixel inside that outline (the bilinearly interpolated eroded
 *       mask, sampled 6x6 per pixel), so edges are sharp at any output size, as a camera's are; {@code F} is the
 *       original photo, bilinearly scaled. The subject keeps its size and place in the frame.</li>
 * </ol>
 * These are semi-synthetic: real subjects and backgrounds, but a smooth outline with no hair or fur finer than the
 * erosion, and, where the photo is upscaled, sharp edges around soft texture. The outline comes from ISNet, which
 * favours every ISNet-based result (Cutout raw, refined and the peer) alike over other methods, not one of them.
 *
 * <p>All composites: the background {@code B} is a crop of another sample photo that leaves out that photo's own
 * subject (a photo with two subjects has no single right cutout), bilinearly upscaled 4x to 23x, so smoother than a
 * real photo of that size. The alpha is rounded to 8 bits first, then {@code I = αF + (1 - α)B} is computed per
 * channel in 8-bit sRGB values (the convention of the Adobe composition-1k matting benchmark), plus Gaussian grain of
 * {@link #GRAIN} levels (seeded), because upscaling removes a photo's own noise; then JPEG at quality 0.92 (one
 * PNG). The written matte is exactly the {@code α} used. The 4000x3000 (12 MP) composite is there for timing; its subject is upscaled 7.8x.
 *
 * <pre>java -cp target/classes:target/test-classes:DEPS app.cutout.quality.GroundTruthSet OUT_DIR</pre>
 * ({@code bench/groundtruth.sh OUT_DIR} does this.)
 */
public final class GroundTruthSet {
    private GroundTruthSet() {
    }

    /** Grain added to composites, standard deviation in 8-bit levels. */
    static final double GRAIN = 1.5;

    /** Erosion of ISNet's outline for the cut-out subjects, in source photo pixels. */
    static final double ERODE = 2.0;

    /** Sub-samples per pixel side for the area coverage of a cut-out outline. */
    static final int SUPERSAMPLE = 6;

    /** A rectangle of a photo. */
    record Crop(int x, int y, int w, int h) {
    }

    /**
     * One composite: the subject ({@code "plant"} or a photo whose ISNet subject is cut out, with the part of that
     * photo that becomes the frame), the background photo and its crop, the output size.
     */
    record Case(String name, String subject, Crop subjectCrop, boolean mirror, String background, Crop backgroundCrop,
            int width, int height, String format) {
    }

    static final List<Case> CASES = List.of(
            // Table top (the wood right of the cup).
            new Case("plant-coffee", "plant", null, false, "coffee.png", new Crop(440, 0, 160, 107), 600, 400, "png"),
            // The blurred room right of the cat's face.
            new Case("plant-chelsea", "plant", null, true, "chelsea.png", new Crop(375, 100, 76, 57), 800, 600, "jpg"),
            // Spectators and stand, right of the player.
            new Case("plant-messi", "plant", null, false, "messi5.jpg", new Crop(380, 0, 168, 112), 1200, 800, "jpg"),
            new Case("cut-coffee", "coffee.png", new Crop(0, 0, 600, 400), false, "chelsea.png",
                    new Crop(375, 100, 76, 51), 900, 600, "jpg"),
            new Case("cut-astronaut", "astronaut.png", new Crop(0, 0, 512, 512), false, "coffee.png",
                    new Crop(440, 0, 160, 160), 1200, 1200, "jpg"),
            new Case("cut-squirrel", "squirrel_cls.jpg", new Crop(0, 0, 535, 426), false, "messi5.jpg",
                    new Crop(380, 0, 168, 134), 1600, 1274, "jpg"),
            // 12 MP; the mottled studio backdrop of the astronaut's own photo is not used, the squirrel's foliage is.
            new Case("cut-astronaut-12mp", "astronaut.png", new Crop(0, 64, 512, 384), false, "squirrel_cls.jpg",
                    new Crop(360, 0, 175, 131), 4000, 3000, "jpg"));

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GroundTruthSet OUT_DIR");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        BufferedImage plant = MatteFiles.read(TestImages.plant());
        BufferedImage matte = MatteFiles.read(TestImages.plantMatte());
        int pw = plant.getWidth();
        int ph = plant.getHeight();
        if (matte.getWidth() != pw || matte.getHeight() != ph) {
            throw new IOException("plant.jpg and its matte differ in size");
        }
        float[] plantRgb = MatteFiles.rgbFloats(plant);
        float[] plantAlpha = MatteFiles.grayFloats(matte);
        float[] plantFg = new float[plantRgb.length];
        ForegroundEstimator.estimateMultiLevel(plantRgb, plantAlpha, pw, ph, new RefineOptions(), plantFg, null);

        Files.copy(TestImages.plant(), out.resolve("plant.jpg"), StandardCopyOption.REPLACE_EXISTING);
        MatteFiles.writeGray(out.resolve("plant.matte.png"), MatteFiles.grayBytes(matte), pw, ph);
        System.err.println("plant.jpg: " + pw + "x" + ph + ", OpenCV alphamat's matte");

        for (Case c : CASES) {
            BufferedImage bg = MatteFiles.read(TestImages.photo(c.background()));
            Layer subject;
            if (c.subject().equals("plant")) {
                subject = plantLayer(plantFg, plantAlpha, pw, ph, c);
            } else {
                Path photo = TestImages.photo(c.subject());
                Path cache = out.resolve(".isnet-cache").resolve(c.subject() + ".f32");
                subject = cutoutLayer(MatteFiles.read(photo), c, cache);
            }
            Composite comp = composite(subject, MatteFiles.rgbFloats(bg), bg.getWidth(), c,
                    new Random(c.name().hashCode()), GRAIN);
            BufferedImage image = new BufferedImage(c.width(), c.height(), BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, c.width(), c.height(), comp.rgb, 0, c.width());
            Path file = out.resolve(c.name() + "." + c.format());
            if (c.format().equals("png")) {
                ImageIO.write(image, "png", file.toFile());
            } else {
                MatteFiles.writeJpeg(image, file, 0.92f);
            }
            MatteFiles.writeGray(out.resolve(c.name() + ".matte.png"), comp.alpha, c.width(), c.height());
            Crop b = c.backgroundCrop();
            System.err.printf(Locale.ROOT, "%s: %dx%d, %s%s, background %s crop %dx%d at %d,%d, x%.1f%n",
                    file.getFileName(), c.width(), c.height(), c.subject(), c.mirror() ? " mirrored" : "",
                    c.background(), b.w(), b.h(), b.x(), b.y(), (double) c.width() / b.w());
        }
    }

    /**
     * A subject at the output size, computed a pixel at a time: {@link #at} fills {@code f} (R, G, B in 0..1) and
     * returns the alpha byte; {@code f} is only meaningful when that is not 0.
     */
    interface Layer {
        int at(int x, int y, float[] f);
    }

    /** The plant: its frame spans the height, its right edge (left, mirrored) on the photo's. */
    static Layer plantLayer(float[] fg, float[] alpha, int pw, int ph, Case c) {
        double scale = (double) c.height() / ph;
        double offset = c.mirror() ? 0.0 : c.width() - pw * scale;
        float[] a = new float[1];
        return (x, y, f) -> {
            double sx = (x + 0.5 - offset) / scale - 0.5;
            double sy = (y + 0.5) / scale - 0.5;
            if (c.mirror()) {
                sx = pw - 1 - sx;
            }
            if (sx < -0.5 || sx > pw - 0.5) {
                return 0;
            }
            sample(alpha, pw, ph, 1, sx, sy, a);
            int av = (int) Math.round(Math.min(1f, Math.max(0f, a[0])) * 255.0);
            if (av > 0) {
                sample(fg, pw, ph, 3, sx, sy, f);
            }
            return av;
        };
    }

    /** A subject cut out of {@code photo} along ISNet's eroded outline; see the class comment. */
    static Layer cutoutLayer(BufferedImage photo, Case c, Path maskCache) throws IOException {
        int w0 = photo.getWidth();
        int h0 = photo.getHeight();
        int n = IsnetJava.SIZE;
        float[] mask = IsnetJava.mask(MatteFiles.packedRgba(photo), w0, h0, IsnetJava.defaultModel(), maskCache);
        // Erosion: a min filter over the mask pixels that ERODE source pixels span, per axis.
        int rx = (int) Math.round(ERODE * n / w0);
        int ry = (int) Math.round(ERODE * n / h0);
        float[] eroded = minFilter(mask, n, n, rx, ry);
        float[] rgb = MatteFiles.rgbFloats(photo);
        Crop s = c.subjectCrop();
        double kx = (double) s.w() / c.width();
        double ky = (double) s.h() / c.height();
        int ss = SUPERSAMPLE;
        float[] v = new float[1];
        return (x, y, f) -> {
            int inside = 0;
            for (int j = 0; j < ss; j++) {
                double sy = s.y() + (y + (j + 0.5) / ss) * ky;
                double my = sy * n / h0 - 0.5;
                for (int i = 0; i < ss; i++) {
                    double sx = s.x() + (x + (i + 0.5) / ss) * kx;
                    sample(eroded, n, n, 1, sx * n / w0 - 0.5, my, v);
                    if (v[0] >= 0.5f) {
                        inside++;
                    }
                }
            }
            int av = (int) Math.round(255.0 * inside / (ss * ss));
            if (av > 0) {
                sample(rgb, w0, h0, 3, s.x() + (x + 0.5) * kx - 0.5, s.y() + (y + 0.5) * ky - 0.5, f);
            }
            return av;
        };
    }

    /** Separable minimum over {@code (2rx+1) x (2ry+1)} windows, clamped at the borders. */
    static float[] minFilter(float[] m, int w, int h, int rx, int ry) {
        float[] tmp = new float[m.length];
        float[] out = new float[m.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float lo = Float.MAX_VALUE;
                for (int d = Math.max(0, x - rx); d <= Math.min(w - 1, x + rx); d++) {
                    lo = Math.min(lo, m[y * w + d]);
                }
                tmp[y * w + x] = lo;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float lo = Float.MAX_VALUE;
                for (int d = Math.max(0, y - ry); d <= Math.min(h - 1, y + ry); d++) {
                    lo = Math.min(lo, tmp[d * w + x]);
                }
                out[y * w + x] = lo;
            }
        }
        return out;
    }

    /** Packed RGB pixels and the 8-bit matte of one composite. */
    record Composite(int[] rgb, byte[] alpha) {
    }

    /**
     * {@code I = αF + (1 - α)B} at the case's size, {@code α} the layer's 8-bit value, {@code B} the background
     * crop scaled to the output ({@code bgRgb} interleaved 0..1, {@code bgW} wide), plus Gaussian grain of standard
     * deviation {@code grainLevels} (8-bit levels) drawn from {@code grain}.
     */
    static Composite composite(Layer subject, float[] bgRgb, int bgW, Case c, Random grain, double grainLevels) {
        int w = c.width();
        int h = c.height();
        int bgH = bgRgb.length / 3 / bgW;
        Crop bc = c.backgroundCrop();
        int[] rgb = new int[w * h];
        byte[] a8 = new byte[w * h];
        float[] f = new float[3];
        float[] b = new float[3];
        for (int y = 0; y < h; y++) {
            double by = bc.y() + (y + 0.5) * bc.h() / h - 0.5;
            for (int x = 0; x < w; x++) {
                int av = subject.at(x, y, f);
                double bx = bc.x() + (x + 0.5) * bc.w() / w - 0.5;
                sample(bgRgb, bgW, bgH, 3, bx, by, b);
                double al = av / 255.0;
                int p = 0;
                for (int ch = 0; ch < 3; ch++) {
                    double v = (av > 0 ? al * f[ch] + (1 - al) * b[ch] : b[ch]) * 255.0
                            + grainLevels * grain.nextGaussian();
                    int q = (int) Math.round(Math.min(255.0, Math.max(0.0, v)));
                    p |= q << (16 - 8 * ch);
                }
                rgb[y * w + x] = p;
                a8[y * w + x] = (byte) av;
            }
        }
        return new Composite(rgb, a8);
    }

    /** Bilinear sample of an interleaved {@code ch}-channel float image at {@code (x, y)}, edges clamped. */
    static void sample(float[] img, int w, int h, int ch, double x, double y, float[] out) {
        x = Math.max(0.0, Math.min(w - 1.0, x));
        y = Math.max(0.0, Math.min(h - 1.0, y));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(w - 1, x0 + 1);
        int y1 = Math.min(h - 1, y0 + 1);
        float tx = (float) (x - x0);
        float ty = (float) (y - y0);
        for (int c = 0; c < ch; c++) {
            float top = img[(y0 * w + x0) * ch + c] * (1 - tx) + img[(y0 * w + x1) * ch + c] * tx;
            float bottom = img[(y1 * w + x0) * ch + c] * (1 - tx) + img[(y1 * w + x1) * ch + c] * tx;
            out[c] = top * (1 - ty) + bottom * ty;
        }
    }
}
