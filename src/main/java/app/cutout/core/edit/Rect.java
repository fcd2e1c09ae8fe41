package app.cutout.core.edit;

/**
 * An immutable, non-empty rectangle of whole pixels: columns {@code x .. x + width - 1}, rows
 * {@code y .. y + height - 1}. Used for dirty regions, crops and undo bounds.
 */
public final class Rect {
    public final int x;
    public final int y;
    public final int width;
    public final int height;

    /**
     * @throws IllegalArgumentException if the size is not positive, or the right or bottom edge overflows an int
     */
    public Rect(int x, int y, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Expected a positive size, got " + width + "x" + height);
        }
        if ((long) x + width > Integer.MAX_VALUE || (long) y + height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Expected edges within int range, got " + x + "," + y + " "
                    + width + "x" + height);
        }
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
    }

    /** The rectangle from {@code (left, top)} inclusive to {@code (right, bottom)} exclusive. */
    public static Rect fromEdges(int left, int top, int right, int bottom) {
        return new Rect(left, top, right - left, bottom - top);
    }

    /** Column just past the right edge, {@code x + width}. */
    public int right() {
        return x + width;
    }

    /** Row just past the bottom edge, {@code y + height}. */
    public int bottom() {
        return y + height;
    }

    public long area() {
        return (long) width * height;
    }

    /** The smallest rectangle holding both; {@code other} may be {@code null}, which gives {@code this}. */
    public Rect union(Rect other) {
        if (other == null || other.equals(this)) {
            return this;
        }
        return fromEdges(Math.min(x, other.x), Math.min(y, other.y), Math.max(right(), other.right()),
                Math.max(bottom(), other.bottom()));
    }

    /** The common part, or {@code null} if the rectangles share no pixel. */
    public Rect intersect(Rect other) {
        int left = Math.max(x, other.x);
        int top = Math.max(y, other.y);
        int r = Math.min(right(), other.right());
        int b = Math.min(bottom(), other.bottom());
        return left < r && top < b ? fromEdges(left, top, r, b) : null;
    }

    public boolean intersects(Rect other) {
        return Math.max(x, other.x) < Math.min(right(), other.right())
                && Math.max(y, other.y) < Math.min(bottom(), other.bottom());
    }

    /** Whether pixel {@code (px, py)} lies inside. */
    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < right() && py < bottom();
    }

    /** Whether every pixel of {@code other} lies inside. */
    public boolean contains(Rect other) {
        return other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Rect)) {
            return false;
        }
        Rect r = (Rect) o;
        return r.x == x && r.y == y && r.width == width && r.height == height;
    }

    @Override
    public int hashCode() {
        return ((x * 31 + y) * 31 + width) * 31 + height;
    }

    @Override
    public String toString() {
        return "Rect(" + x + ", " + y + ", " + width + "x" + height + ")";
    }

    /**
     * Checks that {@code rect} lies inside a {@code width x height} image.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    static void checkInside(String what, Rect rect, int width, int height) {
        if (rect.x < 0 || rect.y < 0 || rect.right() > width || rect.bottom() > height) {
            throw new IllegalArgumentException("Expected " + what + " inside the " + width + "x" + height
                    + " image, got " + rect);
        }
    }

    /** @throws IllegalArgumentException unless {@code length == width * height} */
    static void checkLength(String what, int length, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Expected a positive image size, got " + width + "x" + height);
        }
        long expected = (long) width * height;
        if (length != expected) {
            throw new IllegalArgumentException("Expected " + expected + " " + what + " for " + width + "x" + height
                    + ", got " + length);
        }
    }
}
