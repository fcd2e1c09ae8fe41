package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * What a person chose for a download besides its background, crop and format: the size preset with the subject's
 * fill and alignment, a shadow (none, drop or contact) and an outline. The page's controls edit one per photo (or
 * the batch's); the page's preview and the export worker both turn it into the {@link Layout.Preset} and
 * {@link Effects} that {@link Staging} takes, so they draw the same thing. It crosses to the worker as the text of
 * {@link #encode()}.
 *
 * <p>Lengths are in output (canvas) pixels; colours {@code (b << 16) | (g << 8) | r}, as {@link Background#rgb}.
 */
public final class Look {
    /**
     * Largest enlargement of the subject. A photo enlarged 4x shows its pixels as 4-pixel blurs; past that the
     * subject is kept smaller than the preset's fill, and the page says so (the marketplace preset's 85 % of 2000 px
     * needs a subject of at least 425 px).
     */
    public static final double MAX_UPSCALE = 4;
    /** The contact shadow's blur, a share of the canvas's longer side (12 px at 2000). */
    static final double CONTACT_BLUR = 0.006;

    /** What lies under the subject. */
    public enum ShadowKind {
        NONE, DROP, CONTACT
    }

    /** A {@link Layout.Preset} id, or {@code "custom"} for {@link #width} x {@link #height}. */
    public String preset = Layout.Preset.ORIGINAL.id;
    /** The custom canvas. */
    public int width = 1200;
    public int height = 1200;
    /** Share of the canvas the subject fills, in (0, 1]; not used by the original size. */
    public double fill = 0.8;
    public Layout.Align align = Layout.Align.CENTER;
    /** For {@link Layout.Align#BOTTOM}: the gap under the subject, a share of the canvas height in [0, 0.5). */
    public double margin = 0.05;

    public ShadowKind shadow = ShadowKind.NONE;
    /** Drop shadow: direction (degrees, 0 right, 90 down), offset, blur (standard deviation), opacity 0..1. */
    public double dropAngle = 45;
    public double dropDistance = 20;
    public double dropBlur = 12;
    public double dropOpacity = 0.5;
    public int dropRgb;
    /** Contact shadow opacity, 0..1. */
    public double contactStrength = 0.6;
    /** Outline width; 0 for none. */
    public double outlineWidth;
    public int outlineRgb = 0xFFFFFF;

    public Look copy() {
        Look l = new Look();
        l.preset = preset;
        l.width = width;
        l.height = height;
        l.fill = fill;
        l.align = align;
        l.margin = margin;
        l.shadow = shadow;
        l.dropAngle = dropAngle;
        l.dropDistance = dropDistance;
        l.dropBlur = dropBlur;
        l.dropOpacity = dropOpacity;
        l.dropRgb = dropRgb;
        l.contactStrength = contactStrength;
        l.outlineWidth = outlineWidth;
        l.outlineRgb = outlineRgb;
        return l;
    }

    /** Selects a preset by id with its own fill and alignment (unknown ids select the original size). */
    public void choosePreset(String id) {
        if ("custom".equals(id)) {
            preset = id;
            return;
        }
        Layout.Preset p = builtIn(id);
        preset = p.id;
        if (!p.isOriginal()) {
            fill = p.fill;
            align = p.align;
            margin = p.align == Layout.Align.BOTTOM ? p.margin : margin;
        }
    }

    /** Whether this is the original size without any effect: the output is the photo (or crop) as it was. */
    public boolean isPlain() {
        return preset().isOriginal() && !effects(1).any();
    }

    /**
     * The canvas preset, with this look's fill and alignment.
     *
     * @throws IllegalArgumentException if a custom size, the fill or the margin is out of range
     */
    public Layout.Preset preset() {
        if ("custom".equals(preset)) {
            return Layout.Preset.custom(width, height, fill, align, margin);
        }
        return builtIn(preset).with(fill, align, margin);
    }

    /**
     * The canvas's longer side for a photo (or crop) of {@code photoWidth x photoHeight}: the preset's, or the
     * photo's for the original size (before any growth for effects).
     */
    public int canvasLonger(int photoWidth, int photoHeight) {
        Layout.Preset p = preset();
        return p.isOriginal() ? Math.max(photoWidth, photoHeight) : Math.max(p.width, p.height);
    }

    /** The effects for a canvas whose longer side is {@code canvasLonger} pixels. */
    public Effects effects(int canvasLonger) {
        Effects e = Effects.none();
        e.outlineWidth = outlineWidth;
        e.outlineRgb = outlineRgb;
        if (shadow == ShadowKind.DROP) {
            e.dropOpacity = dropOpacity;
            e.dropAngle = dropAngle;
            e.dropDistance = dropDistance;
            e.dropBlur = dropBlur;
            e.dropRgb = dropRgb;
        } else if (shadow == ShadowKind.CONTACT) {
            e.contactOpacity = contactStrength;
            e.contactBlur = Math.max(1, canvasLonger * CONTACT_BLUR);
        }
        return e;
    }

    /**
     * The effects of {@link #effects(int)} with every length times {@code scale}: for a preview drawn at that
     * scale of the output.
     */
    public Effects effects(int canvasLonger, double scale) {
        Effects e = effects(canvasLonger);
        e.outlineWidth *= scale;
        e.dropDistance *= scale;
        e.dropBlur *= scale;
        e.contactBlur *= scale;
        return e;
    }

    /**
     * The sticker look ({@link Effects#sticker}) for a canvas whose longer side is {@code canvasLonger}: a white
     * outline and a small drop shadow; the size preset stays.
     */
    public void sticker(int canvasLonger) {
        Effects s = Effects.sticker(canvasLonger);
        outlineWidth = s.outlineWidth;
        outlineRgb = s.outlineRgb;
        shadow = ShadowKind.DROP;
        dropAngle = s.dropAngle;
        dropDistance = s.dropDistance;
        dropBlur = Math.round(s.dropBlur * 10) / 10.0;
        dropOpacity = s.dropOpacity;
        dropRgb = s.dropRgb;
    }

    /**
     * What a file name says about the canvas: {@code null} for the original size, the preset's id, or
     * {@code custom-WxH}.
     */
    public String fileTag() {
        if ("custom".equals(preset)) {
            return "custom-" + width + "x" + height;
        }
        Layout.Preset p = builtIn(preset);
        return p.isOriginal() ? null : p.id;
    }

    /**
     * The subject (colours and alpha) on this look's canvas with its shadows and outline, from the part
     * {@code frame} of the photo (all of it when null), as the export worker and the command line lay it out.
     */
    public Staging.Staged stage(RgbaImage subject, byte[] alpha, Rect frame) {
        Rect part = frame == null ? new Rect(0, 0, subject.width, subject.height) : frame;
        return Staging.stage(subject, alpha, frame, preset(), MAX_UPSCALE,
                effects(canvasLonger(part.width, part.height)));
    }

    /**
     * The staged subject over {@code background} (made for the canvas's longer side, which a blur's radius is a
     * share of), as pixels: what every export format of a look is encoded from.
     */
    public static RgbaImage render(Staging.Staged staged, IntFunction<Background> background) {
        int w = staged.canvas.width;
        int h = staged.canvas.height;
        Compositor.Prepared prepared = Compositor.prepare(staged.canvas, background.apply(Math.max(w, h)), null,
                staged.layers);
        int[] pixels = new int[w * h];
        Compositor.composite(staged.canvas, staged.alpha, prepared, null, pixels, 0, w);
        return new RgbaImage(w, h, pixels);
    }

    /** {@code key=value} pairs separated by {@code ;}, read back by {@link #decode}. */
    public String encode() {
        return "preset=" + preset + ";w=" + width + ";h=" + height + ";fill=" + fill + ";align="
                + align.name().toLowerCase(Locale.ROOT) + ";margin=" + margin + ";shadow="
                + shadow.name().toLowerCase(Locale.ROOT) + ";angle=" + dropAngle + ";distance=" + dropDistance
                + ";blur=" + dropBlur + ";opacity=" + dropOpacity + ";shadowRgb=" + dropRgb + ";contact="
                + contactStrength + ";outline=" + outlineWidth + ";outlineRgb=" + outlineRgb;
    }

    /**
     * Reads {@link #encode()}'s text; missing keys keep their defaults, so {@code null} or {@code ""} is the
     * original size without effects.
     *
     * @throws IllegalArgumentException if a value is not a number where one is expected, or out of range
     */
    public static Look decode(String text) {
        Look l = new Look();
        if (text == null || text.isEmpty()) {
            return l;
        }
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected key=value, got " + pair);
            }
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            try {
                switch (key) {
                    case "preset": l.preset = value; break;
                    case "w": l.width = Integer.parseInt(value); break;
                    case "h": l.height = Integer.parseInt(value); break;
                    case "fill": l.fill = Double.parseDouble(value); break;
                    case "align": l.align = named(Layout.Align.values(), value); break;
                    case "margin": l.margin = Double.parseDouble(value); break;
                    case "shadow": l.shadow = named(ShadowKind.values(), value); break;
                    case "angle": l.dropAngle = finite(value, -360, 720); break;
                    case "distance": l.dropDistance = finite(value, 0, 4096); break;
                    case "blur": l.dropBlur = finite(value, 0, 1024); break;
                    case "opacity": l.dropOpacity = finite(value, 0, 1); break;
                    case "shadowRgb": l.dropRgb = Integer.parseInt(value) & 0xFFFFFF; break;
                    case "contact": l.contactStrength = finite(value, 0, 1); break;
                    case "outline": l.outlineWidth = finite(value, 0, 1024); break;
                    case "outlineRgb": l.outlineRgb = Integer.parseInt(value) & 0xFFFFFF; break;
                    default: break;
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Expected a number for " + key + ", got " + value);
            }
        }
        // Sizes, fill and margin are checked where the preset is made.
        l.preset();
        return l;
    }

    private static <E extends Enum<E>> E named(E[] values, String name) {
        for (E e : values) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Expected one of " + java.util.Arrays.toString(values) + ", got " + name);
    }

    private static double finite(String value, double min, double max) {
        double v = Double.parseDouble(value);
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("Expected a value in " + min + ".." + max + ", got " + value);
        }
        return v;
    }

    private static Layout.Preset builtIn(String id) {
        for (Layout.Preset p : Layout.Preset.all()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        return Layout.Preset.ORIGINAL;
    }
}
