package app.cutout.core.edit;

/**
 * What {@link Staging} draws around the subject: an outline, a drop shadow and a contact shadow, each off at 0.
 * Plain public fields (like {@code RefineOptions}); lengths are in output (canvas) pixels; colours
 * {@code (b << 16) | (g << 8) | r}, as {@link Background#rgb}. {@link #copy()} before changing a shared instance.
 */
public final class Effects {
    /** Outline width in pixels; 0 for none. */
    public double outlineWidth;
    public int outlineRgb = 0xFFFFFF;

    /** Drop shadow opacity, 0..1; 0 for none. */
    public double dropOpacity;
    /** Direction the shadow falls, degrees: 0 right, 90 down. */
    public double dropAngle = 90;
    public double dropDistance;
    /** Standard deviation of the shadow's blur. */
    public double dropBlur;
    public int dropRgb;

    /** Contact (ground) shadow opacity, 0..1; 0 for none. */
    public double contactOpacity;
    /** Ellipse width over the subject's footprint, see {@link Shadow#contact}. */
    public double contactSpread = 1.1;
    /** Ellipse height over its width. */
    public double contactFlatness = 0.12;
    public double contactBlur;
    public int contactRgb;

    /** No effect at all. */
    public static Effects none() {
        return new Effects();
    }

    /**
     * The sticker look for a canvas whose longer side is {@code longerSide} pixels: a white outline of 2.5 % of it,
     * a soft shadow straight down (distance 0.8 %, blur 1 %, opacity 35 %); meant over a transparent background.
     */
    public static Effects sticker(int longerSide) {
        Effects e = new Effects();
        e.outlineWidth = Math.max(2, Math.round(longerSide * 0.025));
        e.outlineRgb = 0xFFFFFF;
        e.dropOpacity = 0.35;
        e.dropAngle = 90;
        e.dropDistance = Math.max(1, Math.round(longerSide * 0.008));
        e.dropBlur = Math.max(1, longerSide * 0.01);
        e.dropRgb = 0;
        return e;
    }

    public Effects copy() {
        Effects e = new Effects();
        e.outlineWidth = outlineWidth;
        e.outlineRgb = outlineRgb;
        e.dropOpacity = dropOpacity;
        e.dropAngle = dropAngle;
        e.dropDistance = dropDistance;
        e.dropBlur = dropBlur;
        e.dropRgb = dropRgb;
        e.contactOpacity = contactOpacity;
        e.contactSpread = contactSpread;
        e.contactFlatness = contactFlatness;
        e.contactBlur = contactBlur;
        e.contactRgb = contactRgb;
        return e;
    }

    /** Whether anything is drawn. */
    public boolean any() {
        return outlineWidth > 0 || dropOpacity > 0 || contactOpacity > 0;
    }

    /**
     * Pixels around a subject of {@code subjectWidth} (canvas pixels) that the effects may reach: the outline, plus
     * the farther of the drop shadow's offset and three blur deviations and the contact shadow's half height and
     * three deviations; rounded up.
     */
    public int reach(double subjectWidth) {
        double r = outlineWidth;
        double shadow = 0;
        if (dropOpacity > 0) {
            shadow = dropDistance + 3 * dropBlur;
        }
        if (contactOpacity > 0) {
            shadow = Math.max(shadow, subjectWidth / 2 * contactSpread * contactFlatness + 3 * contactBlur);
        }
        return (int) Math.ceil(r + shadow);
    }
}
