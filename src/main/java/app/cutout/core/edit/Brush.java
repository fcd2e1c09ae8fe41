package app.cutout.core.edit;

/**
 * Paints brush strokes into an 8-bit alpha mask at full resolution.
 *
 * <p><b>Geometry.</b> Coordinates are continuous image coordinates: pixel {@code (px, py)} covers
 * {@code [px, px + 1) x [py, py + 1)} and is sampled at its centre {@code (px + 0.5, py + 0.5)}. A segment paints a
 * capsule (a disc of {@code radius} swept from {@code (x0, y0)} to {@code (x1, y1)}); a pixel's distance {@code d}
 * is the distance from its centre to the segment.
 *
 * <p><b>Coverage.</b> With {@code inner = radius * (1 - softness)}: coverage is 1 for {@code d <= inner}, 0 for
 * {@code d > radius}, and in between {@code smoothstep(t) = t * t * (3 - 2t)} with
 * {@code t = (radius - d) / (radius - inner)}. Softness 0 is a hard brush: every pixel with {@code d <= radius}
 * gets coverage 1. Pixels with {@code d > radius} are never written.
 *
 * <p><b>Update.</b> With {@code k = coverage * opacity} turned into 16-bit fixed point
 * {@code w = (int) (k * 65536 + 0.5)}, a pixel moves toward its target {@code t}:
 * {@code new = (old * (65536 - w) + t * w + 32768) >> 16}. At {@code w = 65536} that is exactly the target, so a hard
 * brush at full opacity writes exact 0 or 255. A pixel is updated once per segment with the coverage of its
 * distance to the whole segment, so dabs along one segment never accumulate.
 *
 * <p><b>Strokes.</b> A stroke made of many short segments would still re-apply soft edges and partial opacity at
 * every segment (a feathered edge crossed by 40 segments at coverage 0.1 ends up nearly fully erased). Passing a
 * {@link StrokeStart} (an {@link UndoStack} inside {@code begin()/end()} is one) makes the maximum coverage span
 * the whole stroke instead: the pixel becomes whichever of its current value and
 * {@code (before * (65536 - w) + t * w + 32768) >> 16} is nearer the target, {@code before} being its value when
 * the stroke began. This assumes one mode per stroke.
 */
public final class Brush {
    private Brush() {
    }

    /** Where a brush moves alpha. */
    public enum Mode {
        /** Toward 0 (transparent). */
        ERASE,
        /** Toward 255 (opaque): the UI's "Add", for parts of the subject the model missed. */
        ADD,
        /** Toward the model's alpha at the same pixel, undoing manual edits locally: the UI's "Restore". */
        RESTORE
    }

    /** The alpha values a mask had when the current stroke began. */
    public interface StrokeStart {
        /**
         * Copies the stroke-start alpha of row {@code y}, columns {@code x .. x + count - 1}, into
         * {@code dst[0 .. count - 1]}.
         */
        void strokeStartRow(int y, int x, int count, byte[] dst);
    }

    /**
     * Paints one segment of a stroke; see the class comment for the geometry and the update rule. Only
     * {@code alpha} is modified, and only inside the returned rectangle.
     *
     * @param alpha the edited mask, {@code width * height} unsigned bytes; modified
     * @param modelAlpha the model's mask, same size; read only in {@link Mode#RESTORE}, may be {@code null} otherwise
     * @param radius brush radius in pixels, positive
     * @param softness fraction of the radius used for the falloff, 0 (hard) to 1 (fully feathered)
     * @param opacity 0 to 1
     * @return {@link #segmentBounds}: a rectangle, clamped to the image, holding every pixel that may have changed;
     *     {@code null} if the capsule misses the image
     * @throws IllegalArgumentException if an argument is out of range or an array has the wrong length
     */
    public static Rect paintSegment(byte[] alpha, byte[] modelAlpha, int width, int height, double x0, double y0,
            double x1, double y1, double radius, double softness, Mode mode, float opacity) {
        return paintSegment(alpha, modelAlpha, width, height, x0, y0, x1, y1, radius, softness, mode, opacity, null);
    }

    /**
     * Like {@link #paintSegment(byte[], byte[], int, int, double, double, double, double, double, double, Mode,
     * float)}, but with coverage maximised over the whole stroke when {@code strokeStart} is not {@code null}: the
     * caller must have recorded (see {@link UndoStack#record}) the returned region before painting, so that the
     * stroke-start values are still known. Only {@code alpha} is modified.
     */
    public static Rect paintSegment(byte[] alpha, byte[] modelAlpha, int width, int height, double x0, double y0,
            double x1, double y1, double radius, double softness, Mode mode, float opacity, StrokeStart strokeStart) {
        Rect.checkLength("alpha bytes", alpha.length, width, height);
        if (mode == null) {
            throw new IllegalArgumentException("Expected a brush mode, got null");
        }
        if (mode == Mode.RESTORE) {
            if (modelAlpha == null) {
                throw new IllegalArgumentException("Expected model alpha for mode RESTORE, got null");
            }
            Rect.checkLength("model alpha bytes", modelAlpha.length, width, height);
        }
        checkFinite("x0", x0);
        checkFinite("y0", y0);
        checkFinite("x1", x1);
        checkFinite("y1", y1);
        if (!(radius > 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("Expected a positive finite radius, got " + radius);
        }
        if (!(softness >= 0 && softness <= 1)) {
            throw new IllegalArgumentException("Expected softness in [0, 1], got " + softness);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("Expected opacity in [0, 1], got " + opacity);
        }
        Rect bounds = segmentBounds(width, height, x0, y0, x1, y1, radius);
        if (bounds == null || opacity == 0) {
            return bounds;
        }

        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        double len = Math.sqrt(len2);
        double ux = len > 0 ? dx / len : 0;
        double uy = len > 0 ? dy / len : 0;
        double r2 = radius * radius;
        double inner = radius * (1 - softness);
        double inner2 = inner * inner;
        double band = radius - inner;
        double scale = opacity * 65536.0;
        int fixedTarget = mode == Mode.ERASE ? 0 : 255;
        byte[] before = strokeStart != null ? new byte[bounds.width] : null;

        int left = bounds.x;
        int last = bounds.right() - 1;
        for (int py = bounds.y; py < bounds.bottom(); py++) {
            double yc = py + 0.5;
            double ey = yc - y0;
            // The capsule is convex, so its cut by this row is one interval: the union of the cuts of the two end
            // discs and of the band between them. A pixel of slack each side; the exact test below decides.
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            if (Math.abs(ey) <= radius) {
                double h = Math.sqrt(r2 - ey * ey);
                lo = x0 - h;
                hi = x0 + h;
            }
            double ey1 = yc - y1;
            if (Math.abs(ey1) <= radius) {
                double h = Math.sqrt(r2 - ey1 * ey1);
                lo = Math.min(lo, x1 - h);
                hi = Math.max(hi, x1 + h);
            }
            if (len > 0) {
                // Along: 0 <= ux * X + uy * ey <= len; across: -radius <= -uy * X + ux * ey <= radius; X = xc - x0.
                double aLo = Double.NEGATIVE_INFINITY;
                double aHi = Double.POSITIVE_INFINITY;
                double along = uy * ey;
                if (Math.abs(ux) > 1e-12) {
                    double p = -along / ux;
                    double q = (len - along) / ux;
                    aLo = Math.min(p, q);
                    aHi = Math.max(p, q);
                } else if (along < 0 || along > len) {
                    aLo = 1;
                    aHi = 0;
                }
                double across = ux * ey;
                if (Math.abs(uy) > 1e-12) {
                    double p = (across - radius) / uy;
                    double q = (across + radius) / uy;
                    aLo = Math.max(aLo, Math.min(p, q));
                    aHi = Math.min(aHi, Math.max(p, q));
                } else if (across < -radius || across > radius) {
                    aLo = 1;
                    aHi = 0;
                }
                if (aLo <= aHi) {
                    lo = Math.min(lo, x0 + aLo);
                    hi = Math.max(hi, x0 + aHi);
                }
            }
            if (!(lo <= hi)) {
                continue;
            }
            double fLo = Math.ceil(lo - 0.5) - 1;
            double fHi = Math.floor(hi - 0.5) + 1;
            int sx = fLo <= left ? left : (int) fLo;
            int exLast = fHi >= last ? last : (int) fHi;
            if (sx > exLast) {
                continue;
            }
            if (before != null) {
                strokeStart.strokeStartRow(py, sx, exLast - sx + 1, before);
            }
            int i = py * width + sx;
            for (int px = sx; px <= exLast; px++, i++) {
                double ex = px + 0.5 - x0;
                double qx;
                double qy;
                if (len2 > 0) {
                    double t = (ex * dx + ey * dy) / len2;
                    if (t < 0) {
                        t = 0;
                    } else if (t > 1) {
                        t = 1;
                    }
                    qx = ex - t * dx;
                    qy = ey - t * dy;
                } else {
                    qx = ex;
                    qy = ey;
                }
                double d2 = qx * qx + qy * qy;
                if (d2 > r2) {
                    continue;
                }
                int w;
                if (d2 <= inner2) {
                    w = (int) (scale + 0.5);
                } else {
                    double s = (radius - Math.sqrt(d2)) / band;
                    w = (int) (s * s * (3 - 2 * s) * scale + 0.5);
                }
                if (w <= 0) {
                    continue;
                }
                int target = mode == Mode.RESTORE ? modelAlpha[i] & 0xFF : fixedTarget;
                int old = alpha[i] & 0xFF;
                int value;
                if (before == null) {
                    value = (old * (65536 - w) + target * w + 32768) >>> 16;
                } else {
                    int b = before[px - sx] & 0xFF;
                    int m = (b * (65536 - w) + target * w + 32768) >>> 16;
                    value = target >= b ? Math.max(old, m) : Math.min(old, m);
                }
                alpha[i] = (byte) value;
            }
        }
        return bounds;
    }

    /**
     * The rectangle {@link #paintSegment} may touch: pixels whose centres lie within {@code radius} of the segment's
     * bounding box, clamped to the image. Nothing is modified.
     *
     * @return the rectangle, or {@code null} if it misses the image
     */
    public static Rect segmentBounds(int width, int height, double x0, double y0, double x1, double y1,
            double radius) {
        // Centre px + 0.5 within [min - radius, max + radius].
        double left = Math.ceil(Math.min(x0, x1) - radius - 0.5);
        double right = Math.floor(Math.max(x0, x1) + radius - 0.5);
        double top = Math.ceil(Math.min(y0, y1) - radius - 0.5);
        double bottom = Math.floor(Math.max(y0, y1) + radius - 0.5);
        if (!(left <= width - 1 && right >= 0 && top <= height - 1 && bottom >= 0 && left <= right
                && top <= bottom)) {
            return null;
        }
        int l = left < 0 ? 0 : (int) left;
        int r = right > width - 1 ? width - 1 : (int) right;
        int t = top < 0 ? 0 : (int) top;
        int b = bottom > height - 1 ? height - 1 : (int) bottom;
        return new Rect(l, t, r - l + 1, b - t + 1);
    }

    private static void checkFinite(String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("Expected a finite " + name + ", got " + v);
        }
    }
}
