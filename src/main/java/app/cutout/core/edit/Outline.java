package app.cutout.core.edit;

/**
 * A stroke of a given width around the subject, as a coverage mask to lay under it ({@link Layers#paint}).
 *
 * <p>The subject is {@code alpha >= 128}; {@link DistanceTransform} gives each pixel's distance {@code D} to the
 * nearest subject pixel {@code q}. The subject's true edge lies beyond {@code q}'s centre by about {@code a(q) / 255
 * - 1/2} pixels (half a pixel for an opaque {@code q}, none for {@code a(q) = 128}), so the pixel's distance to the
 * edge is {@code e = D + 1/2 - a(q) / 255} and its coverage, a pixel box against the stroke's straight outer border,
 * is {@code clamp(width + 1/2 - e, 0, 1)}. Euclidean distances make the joins round. Inside the subject the
 * coverage is 1, so the soft pixels of the subject's own edge sit on the stroke's colour.
 */
public final class Outline {
    private Outline() {
    }

    /**
     * The stroke's coverage, 0..255 per pixel, {@code width} pixels wide outside the subject; nothing else is
     * modified. All zeros when there is no subject. Memory: two {@code int}s a pixel of the subject's bounds grown by
     * the width.
     *
     * @param strokeWidth the stroke's width in pixels, {@code >= 0}
     * @throws IllegalArgumentException if {@code alpha} has the wrong length or {@code strokeWidth} is negative or
     *     not finite
     */
    public static byte[] coverage(byte[] alpha, int width, int height, double strokeWidth) {
        Rect.checkLength("alpha bytes", alpha.length, width, height);
        if (!(strokeWidth >= 0) || Double.isInfinite(strokeWidth)) {
            throw new IllegalArgumentException("Expected a finite stroke width >= 0, got " + strokeWidth);
        }
        byte[] out = new byte[alpha.length];
        Rect subject = Crop.subjectBounds(alpha, width, height, 128);
        if (subject == null) {
            return out;
        }
        // Only pixels within the stroke's reach of the subject's bounds can be covered.
        int reach = (int) Math.ceil(strokeWidth) + 2;
        Rect window = Rect.fromEdges(Math.max(0, subject.x - reach), Math.max(0, subject.y - reach),
                (int) Math.min(width, (long) subject.right() + reach), (int) Math.min(height,
                        (long) subject.bottom() + reach));
        int ww = window.width;
        int wh = window.height;
        byte[] local = new byte[ww * wh];
        for (int y = 0; y < wh; y++) {
            System.arraycopy(alpha, (window.y + y) * width + window.x, local, y * ww, ww);
        }
        int[] squared = new int[ww * wh];
        int[] nearest = new int[ww * wh];
        DistanceTransform.compute(local, ww, wh, 128, squared, nearest);
        double limit = strokeWidth + 1.5;
        for (int y = 0; y < wh; y++) {
            for (int x = 0; x < ww; x++) {
                int i = y * ww + x;
                int d2 = squared[i];
                if (d2 > limit * limit) {
                    continue;
                }
                double e = Math.sqrt(d2) + 0.5 - (local[nearest[i]] & 0xFF) / 255.0;
                double c = strokeWidth + 0.5 - e;
                int v = c >= 1 ? 255 : c <= 0 ? 0 : (int) Math.round(c * 255);
                out[(window.y + y) * width + window.x + x] = (byte) v;
            }
        }
        return out;
    }
}
