package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;

/** What the {@link Compositor} puts behind the subject; immutable. */
public final class Background {
    /** The kinds of background. */
    public enum Kind {
        /** None: the output keeps the mask as its alpha. */
        TRANSPARENT,
        /** One opaque colour. */
        COLOR,
        /** Another image, scaled to cover the output and centre-cropped; its alpha is ignored. */
        IMAGE,
        /** The original photo, blurred. */
        BLUR
    }

    private static final Background NONE = new Background(Kind.TRANSPARENT, 0, null, 0);

    public final Kind kind;
    /** For {@link Kind#COLOR}: {@code (b << 16) | (g << 8) | r}; 0 otherwise. */
    public final int rgb;
    /** For {@link Kind#IMAGE}; {@code null} otherwise. */
    public final RgbaImage image;
    /** For {@link Kind#BLUR}: the Gaussian's standard deviation in output pixels, as CSS {@code blur()}. */
    public final double blurRadius;

    private Background(Kind kind, int rgb, RgbaImage image, double blurRadius) {
        this.kind = kind;
        this.rgb = rgb;
        this.image = image;
        this.blurRadius = blurRadius;
    }

    public static Background transparent() {
        return NONE;
    }

    /** @throws IllegalArgumentException if a component is outside 0..255 */
    public static Background color(int r, int g, int b) {
        if ((r | g | b) < 0 || r > 255 || g > 255 || b > 255) {
            throw new IllegalArgumentException("Expected colour components in 0..255, got " + r + ", " + g + ", "
                    + b);
        }
        return new Background(Kind.COLOR, (b << 16) | (g << 8) | r, null, 0);
    }

    /** @throws IllegalArgumentException if {@code image} is {@code null} */
    public static Background image(RgbaImage image) {
        if (image == null) {
            throw new IllegalArgumentException("Expected a background image, got null");
        }
        return new Background(Kind.IMAGE, 0, image, 0);
    }

    /**
     * The original blurred by a Gaussian of standard deviation {@code radius} output pixels (0 leaves it sharp).
     *
     * @throws IllegalArgumentException if {@code radius} is negative or not finite
     */
    public static Background blur(double radius) {
        if (!(radius >= 0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("Expected a finite blur radius >= 0, got " + radius);
        }
        return new Background(Kind.BLUR, 0, null, radius);
    }
}
