package app.cutout.core.image;

/**
 * How large a photo Cutout processes, and the smaller size it offers for larger ones. The figures behind the limits
 * are in the README ("Large photos").
 *
 * <ul>
 *   <li>Up to {@link #MAX_PIXELS} and {@link #MAX_SIDE}: processed at full resolution.
 *   <li>Larger, up to {@link #MAX_OPEN_PIXELS}: refused with an offer to process a copy scaled down to fit
 *       ({@link #fit}); the browser decodes straight to that size.
 *   <li>Larger still: refused; the photo must be made smaller elsewhere first.
 * </ul>
 */
public final class ImageLimits {
    /**
     * Full-resolution limit. The worker then holds the photo once as packed RGBA (400 MB at this size) plus its
     * canvas for encoding, and the page the same again for the editor; larger photos risk the tab's memory.
     */
    public static final long MAX_PIXELS = 100_000_000L;
    /** Longest canvas side that Chromium and Firefox accept; every stage draws through a canvas of the photo's size. */
    public static final int MAX_SIDE = 32_767;
    /**
     * Chromium's canvas area limit (16384², 1 GiB of RGBA). Decoding even to a smaller size first decodes the whole
     * photo inside the browser, so larger files are refused before they are decoded at all.
     */
    public static final long MAX_OPEN_PIXELS = 268_435_456L;

    /** What to do with a photo of a given size. */
    public enum Verdict {
        /** Process at full resolution. */
        FULL,
        /** Too many pixels for full resolution: offer {@link #fit}. */
        TOO_MANY_PIXELS,
        /** A side is longer than {@link #MAX_SIDE}: offer {@link #fit}. */
        TOO_LONG,
        /** Too large to decode in the browser at all. */
        TOO_LARGE_TO_OPEN
    }

    private ImageLimits() {
    }

    public static Verdict judge(int width, int height) {
        long pixels = (long) width * height;
        if (pixels > MAX_OPEN_PIXELS) {
            return Verdict.TOO_LARGE_TO_OPEN;
        }
        if (pixels > MAX_PIXELS) {
            return Verdict.TOO_MANY_PIXELS;
        }
        return width > MAX_SIDE || height > MAX_SIDE ? Verdict.TOO_LONG : Verdict.FULL;
    }

    /** {@link #fit(int, int, long, int)} within {@link #MAX_PIXELS} and {@link #MAX_SIDE}. */
    public static int[] fit(int width, int height) {
        return fit(width, height, MAX_PIXELS, MAX_SIDE);
    }

    /**
     * The largest size with the same aspect ratio (to rounding) that has at most {@code maxPixels} pixels and no
     * side over {@code maxSide}; the size itself when it already fits. Each side is at least 1.
     *
     * @return {@code {width, height}}
     * @throws IllegalArgumentException if a size or limit is not positive
     */
    public static int[] fit(int width, int height, long maxPixels, int maxSide) {
        if (width <= 0 || height <= 0 || maxPixels <= 0 || maxSide <= 0) {
            throw new IllegalArgumentException("Sizes and limits must be positive, got " + width + "x" + height
                    + " within " + maxPixels + " pixels and " + maxSide + " per side");
        }
        double scale = Math.min(1.0, Math.sqrt((double) maxPixels / ((double) width * height)));
        scale = Math.min(scale, Math.min((double) maxSide / width, (double) maxSide / height));
        int w = Math.max(1, (int) Math.floor(width * scale));
        int h = Math.max(1, (int) Math.floor(height * scale));
        // Floating-point rounding may leave the product a pixel row over the limit.
        while ((long) w * h > maxPixels && (w > 1 || h > 1)) {
            if (w >= h) {
                w--;
            } else {
                h--;
            }
        }
        return new int[] {Math.min(w, maxSide), Math.min(h, maxSide)};
    }

    /** Megapixels to one decimal, for messages, without a trailing ".0": 50 003 000 → "50", 1 450 000 → "1.5". */
    public static String megapixels(long pixels) {
        long tenths = Math.round(pixels / 100_000.0);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
    }
}
