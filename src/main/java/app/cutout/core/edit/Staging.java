package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;

/**
 * The steps between an edited cut-out and the {@link Compositor} when the output has a size preset or effects: lay
 * the subject out on the canvas ({@link Layout}), then build the layers under it ({@link Outline}, {@link Shadow},
 * {@link Layers}). Every export calls this and then composites the canvas as if it were the original:
 *
 * <pre>
 * Staging.Staged s = Staging.stage(original, alpha, preset, maxUpscale, effects);
 * Compositor.Prepared p = Compositor.prepare(s.canvas, background, null, s.layers);
 * Compositor.composite(s.canvas, s.alpha, p, null, out, 0, s.canvas.width);
 * </pre>
 *
 * so a PNG, a JPEG, a WebP and a ZIP entry get the same pixels.
 */
public final class Staging {
    private Staging() {
    }

    /** A laid-out canvas with its mask and layers; the arrays are new (or, for the identity layout, the inputs). */
    public static final class Staged {
        /** The photo on the canvas; pass it to the {@link Compositor} as the original. */
        public final RgbaImage canvas;
        /** The mask on the canvas. */
        public final byte[] alpha;
        /** Layers between background and subject, or {@code null} when there is no effect. */
        public final int[] layers;
        /** Where the subject went, with the upscale and room warnings. */
        public final Layout.Placement placement;

        Staged(RgbaImage canvas, byte[] alpha, int[] layers, Layout.Placement placement) {
            this.canvas = canvas;
            this.alpha = alpha;
            this.layers = layers;
            this.placement = placement;
        }
    }

    /**
     * Lays out and decorates the cut-out; {@code original} and {@code alpha} are not modified. The subject is the
     * pixels with {@code alpha >= 128} (the whole image if there are none). With {@link Layout.Preset#ORIGINAL}, no
     * effect and no growth, the canvas is {@code original} and {@code alpha} themselves.
     *
     * @param maxUpscale the largest enlargement allowed, {@code >= 1}
     * @param effects what to draw, or {@code null} for none
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Staged stage(RgbaImage original, byte[] alpha, Layout.Preset preset, double maxUpscale,
            Effects effects) {
        return stage(original, alpha, null, preset, maxUpscale, effects);
    }

    /**
     * Like {@link #stage(RgbaImage, byte[], Layout.Preset, double, Effects)} for the part {@code crop} of the
     * original (as the editor's crop): the crop stands in for the whole photo, so {@link Layout.Preset#ORIGINAL}
     * keeps the crop's size, grown where effects need room.
     *
     * @param crop inside the original, or {@code null} for all of it
     * @throws IllegalArgumentException if {@code crop} is not inside the original, or as the other overload
     */
    public static Staged stage(RgbaImage original, byte[] alpha, Rect crop, Layout.Preset preset, double maxUpscale,
            Effects effects) {
        Rect.checkLength("alpha bytes", alpha.length, original.width, original.height);
        if (crop != null && !(crop.x == 0 && crop.y == 0 && crop.width == original.width
                && crop.height == original.height)) {
            Rect.checkInside("crop", crop, original.width, original.height);
            int[] px = new int[crop.width * crop.height];
            byte[] a = new byte[px.length];
            for (int y = 0; y < crop.height; y++) {
                int s = (crop.y + y) * original.width + crop.x;
                System.arraycopy(original.pixels, s, px, y * crop.width, crop.width);
                System.arraycopy(alpha, s, a, y * crop.width, crop.width);
            }
            original = new RgbaImage(crop.width, crop.height, px);
            alpha = a;
        }
        int w = original.width;
        int h = original.height;
        Rect.checkLength("alpha bytes", alpha.length, w, h);
        if (effects == null) {
            effects = Effects.none();
        }
        Rect subject = Crop.subjectBounds(alpha, w, h, 128);
        if (subject == null) {
            subject = new Rect(0, 0, w, h);
        }
        // The contact shadow's reach depends on the subject's width on the canvas, which depends on the room left.
        Layout.Placement placement = Layout.place(preset, subject, w, h, maxUpscale, effects.reach(0));
        for (int i = 0; i < 3; i++) {
            int pad = effects.reach(subject.width * placement.scale);
            Layout.Placement next = Layout.place(preset, subject, w, h, maxUpscale, pad);
            if (next.scale == placement.scale && next.width == placement.width
                    && next.height == placement.height) {
                break;
            }
            placement = next;
        }
        RgbaImage canvas;
        byte[] canvasAlpha;
        if (placement.scale == 1 && placement.offsetX == 0 && placement.offsetY == 0 && placement.width == w
                && placement.height == h) {
            canvas = original;
            canvasAlpha = alpha;
        } else {
            canvasAlpha = new byte[placement.width * placement.height];
            canvas = Layout.render(original, alpha, placement, canvasAlpha);
        }
        if (!effects.any()) {
            return new Staged(canvas, canvasAlpha, null, placement);
        }
        int cw = canvas.width;
        int ch = canvas.height;
        int[] layers = new int[cw * ch];
        byte[] outline = effects.outlineWidth > 0 ? Outline.coverage(canvasAlpha, cw, ch, effects.outlineWidth)
                : null;
        if (effects.contactOpacity > 0) {
            Layers.paint(layers, Shadow.contact(canvasAlpha, cw, ch, effects.contactSpread, effects.contactFlatness,
                    effects.contactBlur), effects.contactRgb, effects.contactOpacity);
        }
        if (effects.dropOpacity > 0) {
            byte[] caster = outline != null ? Layers.silhouette(canvasAlpha, outline) : canvasAlpha;
            Layers.paint(layers, Shadow.drop(caster, cw, ch, effects.dropAngle, effects.dropDistance,
                    effects.dropBlur), effects.dropRgb, effects.dropOpacity);
        }
        if (outline != null) {
            Layers.paint(layers, outline, effects.outlineRgb, 1);
        }
        return new Staged(canvas, canvasAlpha, layers, placement);
    }
}
