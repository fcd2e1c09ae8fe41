package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;

/**
 * Output canvases: a size preset (or the original size), where the subject goes on it and at what scale, and the
 * photo and mask redrawn onto it, after which the {@link Compositor} (with {@link Outline}, {@link Shadow} and
 * {@link Layers}) treats the canvas as the original.
 *
 * <p><b>Geometry.</b> A source point {@code (x, y)} (pixel edges at whole numbers) lands on the canvas at
 * {@code (scale * x + offsetX, scale * y + offsetY)}. On a fixed canvas {@code W x H} the subject's bounds
 * {@code bw x bh} get {@code scale = fill * min(W / bw, H / bh)}: its longer side (relative to the canvas) fills
 * {@code fill} of the canvas. It is centred, or ({@link Align#BOTTOM}) centred across and resting {@code margin * H}
 * above the bottom. Two limits may lower the scale, each reported: {@code maxUpscale} (enlarging a small subject
 * more than that would show blur), and the room that effects need around the subject ({@code pad} pixels on every
 * side, e.g. an outline's width plus a shadow's reach). The original size keeps scale 1 and grows the canvas where
 * the subject plus {@code pad} would leave it.
 */
public final class Layout {
    private Layout() {
    }

    /** Where the subject rests on a fixed canvas. */
    public enum Align {
        /** Centred both ways. */
        CENTER,
        /** Centred across, its lowest point {@code margin * height} above the bottom edge. */
        BOTTOM
    }

    /** A canvas size and how the subject fills it; immutable. */
    public static final class Preset {
        /** Short stable name, for settings and file names. */
        public final String id;
        /** Canvas size in pixels; both 0 for the original size. */
        public final int width;
        public final int height;
        /** Share of the canvas the subject's bounds fill along their longer (relative) side, in (0, 1]. */
        public final double fill;
        public final Align align;
        /** For {@link Align#BOTTOM}: the gap under the subject as a share of the canvas height. */
        public final double margin;
        /** The background the preset calls for ({@code null}: the user's choice). */
        public final Background background;

        private Preset(String id, int width, int height, double fill, Align align, double margin,
                Background background) {
            this.id = id;
            this.width = width;
            this.height = height;
            this.fill = fill;
            this.align = align;
            this.margin = margin;
            this.background = background;
        }

        /** Whether this keeps the original size (and scale 1). */
        public boolean isOriginal() {
            return width == 0;
        }

        /** The same canvas with another fill, alignment and margin. */
        public Preset with(double fill, Align align, double margin) {
            return isOriginal() ? this : custom(id, width, height, fill, align, margin, background);
        }

        /** The original size, subject where it was (the canvas grows only for effects). */
        public static final Preset ORIGINAL = new Preset("original", 0, 0, 1, Align.CENTER, 0, null);
        /** Marketplace listing: 2000x2000 white, subject 85 % of the longer side, centred. */
        public static final Preset MARKETPLACE = new Preset("marketplace", 2000, 2000, 0.85, Align.CENTER, 0,
                Background.color(255, 255, 255));
        /** Social post, square. */
        public static final Preset SOCIAL_SQUARE = new Preset("social-square", 1080, 1080, 0.8, Align.CENTER, 0,
                null);
        /** Social post, portrait 4:5. */
        public static final Preset SOCIAL_PORTRAIT = new Preset("social-portrait", 1080, 1350, 0.8, Align.CENTER,
                0, null);
        /** Banner, 16:9. */
        public static final Preset BANNER = new Preset("banner", 1920, 1080, 0.8, Align.CENTER, 0, null);

        /** Every built-in preset, in menu order. */
        public static Preset[] all() {
            return new Preset[] {ORIGINAL, MARKETPLACE, SOCIAL_SQUARE, SOCIAL_PORTRAIT, BANNER};
        }

        /**
         * A custom canvas.
         *
         * @throws IllegalArgumentException if the size is not positive (at most 16384 a side), {@code fill} is not
         *     in (0, 1] or {@code margin} not in [0, 0.5)
         */
        public static Preset custom(int width, int height, double fill, Align align, double margin) {
            return custom("custom", width, height, fill, align, margin, null);
        }

        private static Preset custom(String id, int width, int height, double fill, Align align, double margin,
                Background background) {
            if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
                throw new IllegalArgumentException("Expected a canvas of 1 to 16384 pixels a side, got " + width
                        + "x" + height);
            }
            if (!(fill > 0 && fill <= 1)) {
                throw new IllegalArgumentException("Expected a fill in (0, 1], got " + fill);
            }
            if (!(margin >= 0 && margin < 0.5)) {
                throw new IllegalArgumentException("Expected a margin in [0, 0.5), got " + margin);
            }
            if (align == null) {
                throw new IllegalArgumentException("Expected an alignment, got null");
            }
            return new Preset(id, width, height, fill, align, margin, background);
        }
    }

    /** Where the subject goes on a canvas; immutable. */
    public static final class Placement {
        /** Canvas size. */
        public final int width;
        public final int height;
        /** Canvas pixels per source pixel. */
        public final double scale;
        /** Canvas position of the source's origin. */
        public final double offsetX;
        public final double offsetY;
        /** The subject's bounds on the canvas, rounded outwards. */
        public final Rect subject;
        /** Whether the subject is enlarged ({@code scale > 1}): it may look soft. */
        public final boolean upscaled;
        /** Whether {@code maxUpscale} held the subject smaller than the preset's fill. */
        public final boolean upscaleLimited;
        /** Whether the room for effects held the subject smaller than the preset's fill. */
        public final boolean shrunkForEffects;

        Placement(int width, int height, double scale, double offsetX, double offsetY, Rect subject,
                boolean upscaleLimited, boolean shrunkForEffects) {
            this.width = width;
            this.height = height;
            this.scale = scale;
            this.offsetX = offsetX;
            this.offsetY = offsetY;
            this.subject = subject;
            this.upscaled = scale > 1;
            this.upscaleLimited = upscaleLimited;
            this.shrunkForEffects = shrunkForEffects;
        }
    }

    /**
     * Places {@code subject} (bounds in a {@code imageWidth x imageHeight} source, see {@link Crop#subjectBounds})
     * on the preset's canvas; see the class comment.
     *
     * @param maxUpscale the largest scale allowed, {@code >= 1} (infinity for no limit)
     * @param pad room in canvas pixels to keep free around the subject for effects, {@code >= 0}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Placement place(Preset preset, Rect subject, int imageWidth, int imageHeight, double maxUpscale,
            int pad) {
        if (preset == null || subject == null) {
            throw new IllegalArgumentException("Expected a preset and subject bounds, got " + preset + ", "
                    + subject);
        }
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("Expected a positive image size, got " + imageWidth + "x"
                    + imageHeight);
        }
        Rect.checkInside("subject", subject, imageWidth, imageHeight);
        if (!(maxUpscale >= 1)) {
            throw new IllegalArgumentException("Expected a largest upscale >= 1, got " + maxUpscale);
        }
        if (pad < 0 || pad > 4096) {
            throw new IllegalArgumentException("Expected a pad of 0 to 4096 pixels, got " + pad);
        }
        if (preset.isOriginal()) {
            int left = Math.max(0, pad - subject.x);
            int top = Math.max(0, pad - subject.y);
            int right = Math.max(0, subject.right() + pad - imageWidth);
            int bottom = Math.max(0, subject.bottom() + pad - imageHeight);
            return new Placement(imageWidth + left + right, imageHeight + top + bottom, 1, left, top,
                    new Rect(subject.x + left, subject.y + top, subject.width, subject.height), false, false);
        }
        int w = preset.width;
        int h = preset.height;
        double bw = subject.width;
        double bh = subject.height;
        double scale = preset.fill * Math.min(w / bw, h / bh);
        boolean limited = false;
        if (scale > maxUpscale) {
            scale = maxUpscale;
            limited = true;
        }
        double gapBelow = preset.align == Align.BOTTOM ? Math.max(pad, preset.margin * h) : pad;
        double roomW = w - 2.0 * pad;
        double roomH = h - pad - gapBelow;
        double fit = Math.min(roomW / bw, roomH / bh);
        boolean shrunk = false;
        if (scale > fit) {
            // At least a pixel of subject, even on a canvas too small for its effects.
            scale = Math.max(fit, 1.0 / Math.max(bw, bh));
            shrunk = true;
        }
        double ox = (w - scale * bw) / 2 - scale * subject.x;
        double oy = preset.align == Align.BOTTOM ? h - gapBelow - scale * bh - scale * subject.y
                : (h - scale * bh) / 2 - scale * subject.y;
        int left = (int) Math.floor(scale * subject.x + ox);
        int top = (int) Math.floor(scale * subject.y + oy);
        int right = (int) Math.ceil(scale * subject.right() + ox);
        int bottom = (int) Math.ceil(scale * subject.bottom() + oy);
        Rect onCanvas = Rect.fromEdges(Math.max(0, left), Math.max(0, top), Math.max(Math.max(0, left) + 1,
                Math.min(w, right)), Math.max(Math.max(0, top) + 1, Math.min(h, bottom)));
        return new Placement(w, h, scale, ox, oy, onCanvas, limited, shrunk);
    }

    /**
     * Redraws {@code original} and its mask on the placement's canvas; nothing else is modified. Resampling is a
     * triangle (tent) filter, widened by {@code 1 / scale} when shrinking (so it averages, as an area filter does)
     * and bilinear when enlarging; at scale 1 with whole-pixel offsets the pixels are copied exactly. Colours are
     * weighted by the subject's coverage wherever there is any (no old background bleeds into the subject's edge)
     * and by the photo's own alpha elsewhere (so a blurred-original background still has colours); outside the
     * source (beyond the photo's edge, by its pixel centre) everything is transparent.
     *
     * @param alpha the edited mask of {@code original}
     * @param canvasAlpha receives the canvas's mask, {@code placement.width * placement.height} bytes, such that
     *     the {@link Compositor}'s coverage on the canvas is the resampled coverage
     * @return the canvas photo; its pixels' alpha is the resampled alpha of the photo itself (255 inside it)
     * @throws IllegalArgumentException if an array has the wrong length
     */
    public static RgbaImage render(RgbaImage original, byte[] alpha, Placement placement, byte[] canvasAlpha) {
        int sw = original.width;
        int sh = original.height;
        Rect.checkLength("alpha bytes", alpha.length, sw, sh);
        int cw = placement.width;
        int ch = placement.height;
        Rect.checkLength("canvas alpha bytes", canvasAlpha.length, cw, ch);
        if (placement.scale == 1 && placement.offsetX == Math.rint(placement.offsetX)
                && placement.offsetY == Math.rint(placement.offsetY)) {
            return copy(original, alpha, placement, canvasAlpha);
        }
        Taps xs = taps(cw, sw, placement.scale, placement.offsetX);
        Taps ys = taps(ch, sh, placement.scale, placement.offsetY);
        int[] out = new int[cw * ch];
        int x0 = xs.min;
        int span = Math.max(0, xs.max - xs.min);
        // Per source column: coverage, coverage-weighted r, g, b; photo alpha, alpha-weighted r, g, b.
        float[] acc = new float[8 * Math.max(1, span)];
        int[] src = original.pixels;
        for (int y = 0; y < ch; y++) {
            int ty = ys.start[y];
            int ny = ys.count[y];
            if (ny == 0 || span == 0) {
                continue;
            }
            java.util.Arrays.fill(acc, 0f);
            for (int k = 0; k < ny; k++) {
                float wy = ys.weight[ys.offset[y] + k];
                int row = (ty + k) * sw;
                for (int x = x0, j = 0; x < x0 + span; x++, j += 8) {
                    int p = src[row + x];
                    int pa = p >>> 24;
                    if (pa == 0) {
                        continue;
                    }
                    float r = p & 0xFF;
                    float g = (p >>> 8) & 0xFF;
                    float b = (p >>> 16) & 0xFF;
                    int m = alpha[row + x] & 0xFF;
                    float c = wy * (pa == 255 ? m : m * pa / 255f);
                    float q = wy * pa;
                    acc[j] += c;
                    acc[j + 1] += c * r;
                    acc[j + 2] += c * g;
                    acc[j + 3] += c * b;
                    acc[j + 4] += q;
                    acc[j + 5] += q * r;
                    acc[j + 6] += q * g;
                    acc[j + 7] += q * b;
                }
            }
            for (int x = 0; x < cw; x++) {
                int nx = xs.count[x];
                if (nx == 0) {
                    continue;
                }
                float c = 0;
                float cr = 0;
                float cg = 0;
                float cb = 0;
                float q = 0;
                float qr = 0;
                float qg = 0;
                float qb = 0;
                int j = (xs.start[x] - x0) * 8;
                for (int k = 0; k < nx; k++, j += 8) {
                    float wx = xs.weight[xs.offset[x] + k];
                    c += wx * acc[j];
                    cr += wx * acc[j + 1];
                    cg += wx * acc[j + 2];
                    cb += wx * acc[j + 3];
                    q += wx * acc[j + 4];
                    qr += wx * acc[j + 5];
                    qg += wx * acc[j + 6];
                    qb += wx * acc[j + 7];
                }
                int pa = clamp(q);
                if (pa == 0) {
                    continue;
                }
                int r;
                int g;
                int b;
                if (c > 1e-3f) {
                    r = clamp(cr / c);
                    g = clamp(cg / c);
                    b = clamp(cb / c);
                } else {
                    r = clamp(qr / q);
                    g = clamp(qg / q);
                    b = clamp(qb / q);
                }
                out[y * cw + x] = (pa << 24) | (b << 16) | (g << 8) | r;
                canvasAlpha[y * cw + x] = (byte) clamp(255f * c / q);
            }
        }
        return new RgbaImage(cw, ch, out);
    }

    /** Scale 1, whole-pixel offsets: what the tent filter gives, without the arithmetic. */
    private static RgbaImage copy(RgbaImage original, byte[] alpha, Placement placement, byte[] canvasAlpha) {
        int cw = placement.width;
        int ch = placement.height;
        int sw = original.width;
        int dx = (int) placement.offsetX;
        int dy = (int) placement.offsetY;
        int[] out = new int[cw * ch];
        java.util.Arrays.fill(canvasAlpha, (byte) 0);
        int x0 = Math.max(0, dx);
        int x1 = Math.min(cw, dx + sw);
        for (int y = Math.max(0, dy); y < Math.min(ch, dy + original.height); y++) {
            if (x0 >= x1) {
                break;
            }
            int s = (y - dy) * sw + (x0 - dx);
            int o = y * cw + x0;
            for (int i = 0; i < x1 - x0; i++) {
                int p = original.pixels[s + i];
                // As the filter: nothing where the photo is transparent.
                if ((p >>> 24) != 0) {
                    out[o + i] = p;
                    canvasAlpha[o + i] = alpha[s + i];
                }
            }
        }
        return new RgbaImage(cw, ch, out);
    }

    private static int clamp(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : i > 255 ? 255 : i;
    }

    /**
     * Source taps of each canvas column (or row): none where the pixel's centre falls outside the source (so the
     * photo keeps a hard edge on the canvas), else the tent's taps inside the source, weights normalised to 1.
     */
    private static final class Taps {
        int[] start;
        int[] count;
        int[] offset;
        float[] weight;
        /** Source range any tap reads: {@code min} inclusive, {@code max} exclusive. */
        int min;
        int max;
    }

    private static Taps taps(int canvas, int source, double scale, double offset) {
        double radius = Math.max(1.0, 1.0 / scale);
        int most = (int) Math.ceil(2 * radius) + 1;
        Taps t = new Taps();
        t.start = new int[canvas];
        t.count = new int[canvas];
        t.offset = new int[canvas];
        t.weight = new float[canvas * most];
        t.min = source;
        t.max = 0;
        int used = 0;
        for (int i = 0; i < canvas; i++) {
            t.offset[i] = used;
            double at = (i + 0.5 - offset) / scale;
            if (at < 0 || at >= source) {
                // Beyond the photo's edge: nothing there.
                continue;
            }
            double centre = at - 0.5;
            int lo = Math.max((int) Math.ceil(centre - radius), 0);
            int hi = Math.min((int) Math.floor(centre + radius), source - 1);
            double total = 0;
            for (int j = lo; j <= hi; j++) {
                total += Math.max(0, 1 - Math.abs(j - centre) / radius);
            }
            t.start[i] = lo;
            t.count[i] = hi - lo + 1;
            for (int j = lo; j <= hi; j++) {
                t.weight[used++] = (float) (Math.max(0, 1 - Math.abs(j - centre) / radius) / total);
            }
            t.min = Math.min(t.min, lo);
            t.max = Math.max(t.max, hi + 1);
        }
        if (t.min >= t.max) {
            t.min = 0;
            t.max = 0;
        }
        return t;
    }
}
