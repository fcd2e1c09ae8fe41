package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;

/**
 * The live preview of a {@link Look}: the export's own {@link Staging} run on a copy of the photo (or crop) shrunk
 * by a whole factor, with the canvas and every length scaled alike, so that it costs a screen's worth of pixels
 * whatever the photo's and the canvas's size. The subject lands where it lands in the export, to within a pixel of
 * the copy. Immutable.
 */
public final class Preview {
    /** The shrunk frame: colours, and the photo's own alpha. */
    public final RgbaImage photo;
    /** The shrunk edited mask. */
    public final byte[] alpha;
    /** Photo pixels per copy pixel along each axis. */
    public final int factor;
    /** The frame's size at full resolution. */
    public final int frameWidth;
    public final int frameHeight;
    private final int max;

    private Preview(RgbaImage photo, byte[] alpha, int factor, int frameWidth, int frameHeight, int max) {
        this.photo = photo;
        this.alpha = alpha;
        this.factor = factor;
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.max = max;
    }

    /**
     * The shrink factor for a {@code frameWidth x frameHeight} frame under {@code look}: the copy's longer side at
     * most {@code max}; and, for a fixed canvas drawn at {@code kc = min(1, max / canvas's longer side)}, at least
     * {@code 1 / (kc * }{@link Look#MAX_UPSCALE}{@code )}, so the upscale limit scales with the rest.
     *
     * @throws IllegalArgumentException if a size is not positive
     */
    public static int factor(Look look, int frameWidth, int frameHeight, int max) {
        if (frameWidth <= 0 || frameHeight <= 0 || max <= 0) {
            throw new IllegalArgumentException("Expected positive sizes, got " + frameWidth + "x" + frameHeight
                    + " and " + max);
        }
        int f = Math.max(1, (Math.max(frameWidth, frameHeight) + max - 1) / max);
        Layout.Preset p = look.preset();
        if (!p.isOriginal()) {
            double kc = canvasScale(p, max);
            f = Math.max(f, (int) Math.ceil(1 / (kc * Look.MAX_UPSCALE) - 1e-9));
        }
        return f;
    }

    /**
     * Averages {@code factor x factor} blocks of {@code frame} (the last column and row may be narrower): the mask
     * and the photo's alpha plainly; colours weighted by the mask where the block has any (so no old background
     * bleeds into the subject's edge, as in {@link Layout#render}), else plainly. Nothing is modified.
     *
     * @param rgb the photo's packed pixels, {@code width * height}
     * @param frame the part to preview (a crop), or {@code null} for all of it
     * @throws IllegalArgumentException if an array has the wrong length or {@code frame} is not inside
     */
    public static Preview shrink(int[] rgb, byte[] alpha, int width, int height, Rect frame, int factor, int max) {
        return shrink(rgb, alpha, null, width, height, frame, factor, max);
    }

    /**
     * {@link #shrink(int[], byte[], int, int, Rect, int, int)} with the colours the exports give an edited cutout:
     * where {@code cutoutAlpha} is given, a soft edge an edit made takes the colour of the subject beside it
     * ({@link EdgeColours}), as in every export of it.
     *
     * @param cutoutAlpha the cutout's alpha before edits, or {@code null} for the photo's colours as they are
     */
    public static Preview shrink(int[] rgb, byte[] alpha, byte[] cutoutAlpha, int width, int height, Rect frame,
            int factor, int max) {
        Rect.checkLength("pixels", rgb.length, width, height);
        Rect.checkLength("alpha bytes", alpha.length, width, height);
        if (cutoutAlpha != null) {
            Rect.checkLength("cutout alpha bytes", cutoutAlpha.length, width, height);
        }
        if (frame == null) {
            frame = new Rect(0, 0, width, height);
        }
        Rect.checkInside("frame", frame, width, height);
        if (factor < 1) {
            throw new IllegalArgumentException("Expected a factor >= 1, got " + factor);
        }
        int sw = (frame.width + factor - 1) / factor;
        int sh = (frame.height + factor - 1) / factor;
        int[] out = new int[sw * sh];
        byte[] outAlpha = new byte[sw * sh];
        // Per output column: mask, mask-weighted r, g, b; photo alpha; plain r, g, b.
        long[] acc = new long[8 * sw];
        for (int by = 0; by < sh; by++) {
            java.util.Arrays.fill(acc, 0);
            int rows = Math.min(factor, frame.height - by * factor);
            for (int j = 0; j < rows; j++) {
                int s = (frame.y + by * factor + j) * width + frame.x;
                for (int x = 0; x < frame.width; x++) {
                    int p = rgb[s + x];
                    if (cutoutAlpha != null) {
                        p = (p & 0xFF000000)
                                | (EdgeColours.pixel(rgb, alpha, cutoutAlpha, width, height, s + x) & 0x00FFFFFF);
                    }
                    int m = alpha[s + x] & 0xFF;
                    int r = p & 0xFF;
                    int g = (p >>> 8) & 0xFF;
                    int b = (p >>> 16) & 0xFF;
                    int k = 8 * (x / factor);
                    acc[k] += m;
                    acc[k + 1] += m * r;
                    acc[k + 2] += m * g;
                    acc[k + 3] += m * b;
                    acc[k + 4] += p >>> 24;
                    acc[k + 5] += r;
                    acc[k + 6] += g;
                    acc[k + 7] += b;
                }
            }
            for (int bx = 0; bx < sw; bx++) {
                long count = (long) rows * Math.min(factor, frame.width - bx * factor);
                int k = 8 * bx;
                long m = acc[k];
                int r;
                int g;
                int b;
                if (m > 0) {
                    r = (int) ((acc[k + 1] + m / 2) / m);
                    g = (int) ((acc[k + 2] + m / 2) / m);
                    b = (int) ((acc[k + 3] + m / 2) / m);
                } else {
                    r = (int) ((acc[k + 5] + count / 2) / count);
                    g = (int) ((acc[k + 6] + count / 2) / count);
                    b = (int) ((acc[k + 7] + count / 2) / count);
                }
                int pa = (int) ((acc[k + 4] + count / 2) / count);
                out[by * sw + bx] = RgbaImage.pack(r, g, b, pa);
                outAlpha[by * sw + bx] = (byte) ((m + count / 2) / count);
            }
        }
        return new Preview(new RgbaImage(sw, sh, out), outAlpha, factor, frame.width, frame.height, max);
    }

    /**
     * Stages the copy as the export stages the photo: the original size at the copy's scale, or the preset's canvas
     * scaled to fit {@code max}, with the upscale limit and every effect length scaled to match.
     */
    public Staging.Staged stage(Look look) {
        Layout.Preset p = look.preset();
        int canvasLonger = look.canvasLonger(frameWidth, frameHeight);
        if (p.isOriginal()) {
            return Staging.stage(photo, alpha, p, 1, look.effects(canvasLonger, 1.0 / factor));
        }
        double kc = canvasScale(p, max);
        Layout.Preset small = Layout.Preset.custom((int) Math.max(1, Math.round(p.width * kc)),
                (int) Math.max(1, Math.round(p.height * kc)), p.fill, p.align, p.margin);
        return Staging.stage(photo, alpha, small, Math.max(1, Look.MAX_UPSCALE * kc * factor),
                look.effects(canvasLonger, kc));
    }

    private static double canvasScale(Layout.Preset p, int max) {
        return Math.min(1.0, (double) max / Math.max(p.width, p.height));
    }
}
