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
 *
 * <p>On a device with little memory (phones, as the browser reports it in {@code navigator.deviceMemory}) the
 * full-resolution limit is lower ({@link #maxPixels(double)}), and so is the size offered.
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
    /**
     * Full-resolution pixels per GB of device memory: half of each GB at about 40 bytes per pixel. 40 bytes is the
     * tab's measured peak per pixel of a large photo, worker and page together (README, "Large photos": the renderer
     * process peaked at 2.1 GB for a 50 MP photo and at 4.1 GB for one processed at 100 MP; the worker's decoded
     * bitmap, Java array and output canvas, and the editor's photo, cutout, alphas, canvas and images on the page).
     * Half, because the system and the browser itself need the rest: 4.1 GB is as far as a tab should go on an 8 GB
     * computer, and a phone's system ends a tab long before it holds all of the memory. So 8 GB gives
     * {@link #MAX_PIXELS}, 4 GB 50 MP, 2 GB 25 MP, 1 GB 12.5 MP (a 12 MP phone photo still fits), 0.5 GB 6.25 MP.
     */
    public static final long PIXELS_PER_GB = 12_500_000L;
    /**
     * The lowest full-resolution limit, however little memory is reported: the model works on 1024² whatever the
     * photo's size, so a smaller photo would save little.
     */
    public static final long MIN_PIXELS = 1024 * 1024;

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

    /** {@link #judge(int, int, long)} with the full-resolution limit of a device with enough memory. */
    public static Verdict judge(int width, int height) {
        return judge(width, height, MAX_PIXELS);
    }

    /** @param maxPixels the full-resolution limit, {@link #maxPixels(double)} */
    public static Verdict judge(int width, int height, long maxPixels) {
        long pixels = (long) width * height;
        if (pixels > MAX_OPEN_PIXELS) {
            return Verdict.TOO_LARGE_TO_OPEN;
        }
        if (pixels > maxPixels) {
            return Verdict.TOO_MANY_PIXELS;
        }
        return width > MAX_SIDE || height > MAX_SIDE ? Verdict.TOO_LONG : Verdict.FULL;
    }

    /**
     * The full-resolution limit on a device with {@code deviceMemoryGb} of memory: {@link #PIXELS_PER_GB} for each
     * GB, between {@link #MIN_PIXELS} and {@link #MAX_PIXELS}. Browsers report 0.25, 0.5, 1, 2, 4 or 8 (Chromium
     * says 8 for any more); where they report nothing (Firefox, Safari) pass 0: {@link #MAX_PIXELS}, as before.
     */
    public static long maxPixels(double deviceMemoryGb) {
        if (!(deviceMemoryGb > 0)) {
            return MAX_PIXELS;
        }
        double pixels = deviceMemoryGb * PIXELS_PER_GB;
        return pixels >= MAX_PIXELS ? MAX_PIXELS : Math.max(MIN_PIXELS, (long) pixels);
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

    /** Gigabytes of memory as the browser reports them, for messages: 4 → "4", 0.5 → "0.5", 0.25 → "0.25". */
    public static String gigabytes(double gb) {
        long hundredths = Math.round(gb * 100);
        String whole = Long.toString(hundredths / 100);
        long rest = hundredths % 100;
        if (rest == 0) {
            return whole;
        }
        return rest % 10 == 0 ? whole + "." + rest / 10 : whole + "." + (rest < 10 ? "0" : "") + rest;
    }

    /** Megapixels to one decimal, for messages, without a trailing ".0": 50 003 000 → "50", 1 450 000 → "1.5". */
    public static String megapixels(long pixels) {
        long tenths = Math.round(pixels / 100_000.0);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
    }
}
