package app.cutout.core.edit;

/** Crop rectangles around the subject of a mask. */
public final class Crop {
    private Crop() {
    }

    /**
     * The bounds of the pixels whose unsigned alpha is at least {@code threshold}; nothing is modified.
     *
     * @param threshold 1 to 255
     * @return the bounds, or {@code null} if no pixel reaches the threshold
     * @throws IllegalArgumentException if {@code alpha} has the wrong length or {@code threshold} is out of range
     */
    public static Rect subjectBounds(byte[] alpha, int width, int height, int threshold) {
        Rect.checkLength("alpha bytes", alpha.length, width, height);
        if (threshold < 1 || threshold > 255) {
            throw new IllegalArgumentException("Expected a threshold in 1..255, got " + threshold);
        }
        int top = -1;
        for (int y = 0; y < height && top < 0; y++) {
            if (firstHit(alpha, y * width, 0, width, threshold) >= 0) {
                top = y;
            }
        }
        if (top < 0) {
            return null;
        }
        int bottom = top;
        for (int y = height - 1; y > top; y--) {
            if (firstHit(alpha, y * width, 0, width, threshold) >= 0) {
                bottom = y;
                break;
            }
        }
        // Each row only needs scanning outside the columns already known to hold the subject.
        int left = width;
        int right = -1;
        for (int y = top; y <= bottom; y++) {
            int base = y * width;
            int hit = firstHit(alpha, base, 0, left, threshold);
            if (hit >= 0) {
                left = hit;
            }
            for (int x = width - 1; x > right; x--) {
                if ((alpha[base + x] & 0xFF) >= threshold) {
                    right = x;
                    break;
                }
            }
        }
        return Rect.fromEdges(left, top, right + 1, bottom + 1);
    }

    private static int firstHit(byte[] alpha, int base, int from, int to, int threshold) {
        for (int x = from; x < to; x++) {
            if ((alpha[base + x] & 0xFF) >= threshold) {
                return x;
            }
        }
        return -1;
    }

    /**
     * A crop around {@code bounds}; nothing is modified.
     *
     * <ol>
     *   <li>Each side moves out by {@code m = round(marginFraction * max(bounds.width, bounds.height))} pixels, and
     *       the result is clamped to the image.
     *   <li>With {@code aspect == 0} that is the crop. Otherwise the shorter side (relative to {@code aspect =
     *       width / height}) grows to match: {@code w = max(w, round(h * aspect))} or {@code h = max(h, round(w /
     *       aspect))}.
     *   <li>If that no longer fits the image, the side that does not fit becomes the image's and the other side
     *       shrinks to keep the aspect (so the subject may be cut: the aspect wins over the margin and the subject).
     *   <li>The crop is centred on the centre of {@code bounds} and then shifted as little as needed to lie inside
     *       the image.
     * </ol>
     * Sizes are rounded to whole pixels, so the aspect is met to within half a pixel of the derived side.
     *
     * @param bounds the subject, inside the image
     * @param marginFraction {@code >= 0}
     * @param aspect 0 for free, otherwise the width-to-height ratio, positive
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Rect withMargin(Rect bounds, int width, int height, double marginFraction, double aspect) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Expected a positive image size, got " + width + "x" + height);
        }
        if (bounds == null) {
            throw new IllegalArgumentException("Expected subject bounds, got null");
        }
        Rect.checkInside("bounds", bounds, width, height);
        if (!(marginFraction >= 0) || Double.isInfinite(marginFraction)) {
            throw new IllegalArgumentException("Expected a finite margin fraction >= 0, got " + marginFraction);
        }
        if (!(aspect >= 0) || Double.isInfinite(aspect)) {
            throw new IllegalArgumentException("Expected an aspect of 0 (free) or a positive finite ratio, got "
                    + aspect);
        }
        long m = Math.round(marginFraction * Math.max(bounds.width, bounds.height));
        int left = (int) Math.max(0, bounds.x - m);
        int top = (int) Math.max(0, bounds.y - m);
        int right = (int) Math.min(width, bounds.right() + m);
        int bottom = (int) Math.min(height, bounds.bottom() + m);
        if (aspect == 0) {
            return Rect.fromEdges(left, top, right, bottom);
        }
        long w = right - left;
        long h = bottom - top;
        if ((double) w / h < aspect) {
            w = Math.max(w, Math.round(h * aspect));
        } else {
            h = Math.max(h, Math.round(w / aspect));
        }
        if (w > width) {
            w = width;
            h = Math.max(1, Math.min(height, Math.round(width / aspect)));
        }
        if (h > height) {
            h = height;
            w = Math.max(1, Math.min(width, Math.round(height * aspect)));
        }
        // Centre on the subject (doubled coordinates keep the half pixels exact), then shift inside the image.
        long x = (bounds.x * 2L + bounds.width - w) / 2;
        long y = (bounds.y * 2L + bounds.height - h) / 2;
        x = Math.max(0, Math.min(width - w, x));
        y = Math.max(0, Math.min(height - h, y));
        return new Rect((int) x, (int) y, (int) w, (int) h);
    }
}
