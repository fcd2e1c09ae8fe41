package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;

/** Small previews of images. */
public final class Thumbnail {
    private Thumbnail() {
    }

    /**
     * Scales {@code image} down to fit in {@code max x max}, keeping its aspect; {@code image} is not modified.
     *
     * <p>The longer side becomes {@code max}, the other {@code max(1, round(side * max / longer))}. Each output
     * pixel averages the source pixels its footprint overlaps, weighted by overlap area (a box filter, fractional
     * edges included) and, for colour, by alpha: {@code a = round(sum(w * a))}, {@code c = round(sum(w * a * c) /
     * sum(w * a))}, and {@code 0} for fully transparent pixels. Memory besides the output: {@code O(width + height)}.
     * An image that already fits is copied unchanged.
     *
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public static RgbaImage fit(RgbaImage image, int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("Expected a positive maximum size, got " + max);
        }
        int w = image.width;
        int h = image.height;
        if (w <= max && h <= max) {
            return new RgbaImage(w, h, image.pixels.clone());
        }
        int tw;
        int th;
        if (w >= h) {
            tw = max;
            th = (int) Math.max(1, Math.min(max, Math.round((double) h * max / w)));
        } else {
            th = max;
            tw = (int) Math.max(1, Math.min(max, Math.round((double) w * max / h)));
        }
        Resampler resampler = new Resampler(image, 0, 0, w, h, tw, th, true);
        int[] out = new int[tw * th];
        for (int y = 0; y < th; y++) {
            resampler.row(y, 0, tw, out, y * tw);
        }
        return new RgbaImage(tw, th, out);
    }
}
