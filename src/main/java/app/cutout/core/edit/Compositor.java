package app.cutout.core.edit;

import app.cutout.core.image.RgbaImage;

/**
 * Writes the output picture: the original's colours, the edited mask as coverage, and a {@link Background}.
 *
 * <p>Coverage of a pixel is {@code a = mask} for opaque originals, and {@code round(mask * originalAlpha / 255)}
 * when the original has alpha of its own. {@link Background.Kind#TRANSPARENT} writes {@code (a << 24) | rgb}; every
 * other background writes alpha 255 and, per channel, {@code (fg * a + bg * (255 - a) + 127) / 255} (exactly
 * {@code round((fg * a + bg * (255 - a)) / 255)}; 255 being odd, there are no ties).
 *
 * <p><b>Frame and region.</b> The frame is the output picture in original pixel coordinates (the whole image, or a
 * crop); backgrounds are laid out on the frame: an image background covers it, a blur is computed over it. The
 * region is the part of the frame to write, so a preview can redraw only a brush's dirty rectangle. Since laying
 * out a background can be costly (a blur), {@link #prepare} does it once and {@link #composite(RgbaImage, byte[],
 * Prepared, Rect, int[], int, int)} can be called for many regions.
 *
 * <p><b>Image backgrounds</b> are scaled uniformly by {@code max(frameW / bgW, frameH / bgH)} and centre-cropped.
 * Shrinking averages the overlapped source pixels by area (a box filter), enlarging is bilinear; the background's
 * alpha is ignored. Memory: {@code O(background width + frame width + frame height)}.
 *
 * <p><b>Blur</b> of standard deviation {@code sigma} (output pixels): the frame is first averaged over
 * {@code f x f} blocks with {@code f = max(1, floor(sigma / 2.5))}, blurred there by three box passes per axis (with
 * {@code sigma' = sqrt((sigma / f)^2 - 1/4)} when {@code f > 1}, taking off roughly what the block averaging and
 * the upsampling add), and upsampled bilinearly row by row while compositing. The only large array is that
 * reduced image: the frame's size when {@code sigma < 5}, {@code 1/f^2} of it otherwise. The blur reads RGB only.
 *
 * <p><b>Layers</b> (shadows, an outline: see {@link Layers}) lie between the background and the subject when
 * prepared with {@link #prepare(RgbaImage, Background, Rect, int[])}: over an opaque background, the layer pixel
 * {@code u} is blended first ({@code bg' = blend(u, bg, alpha(u))}, as above) and the subject over {@code bg'};
 * over {@link Background.Kind#TRANSPARENT}, the output is {@link Layers#over}{@code (rgb, a, u)}, so shadows and
 * outlines live in the alpha. Every export goes through here, so every format gets them the same.
 */
public final class Compositor {
    /**
     * Blur sigma per block side when reducing: blurs of sigma {@code >= 2 * REDUCE} run at reduced resolution.
     * Measured worst error on a step edge against the true Gaussian: under 5 of 255 for sigma 3 to 100.
     */
    private static final double REDUCE = 2.5;
    /** Largest blur run on the reduced image; reached only when the frame is a few pixels at reduced size. */
    private static final double MAX_SMALL_SIGMA = 60;

    private Compositor() {
    }

    /** A background laid out on a frame; reusable for any number of regions of that frame. Immutable. */
    public static final class Prepared {
        /** The output picture, in original pixel coordinates. */
        public final Rect frame;
        final Background.Kind kind;
        final int rgb;
        /** Source of background rows (image, reduced blur), or {@code null}. */
        final Resampler sampler;
        /** A full-resolution background for the frame (small blur), or {@code null}. */
        final int[] pixels;
        /** Whether the background is the original itself (blur radius too small to matter). */
        final boolean sharp;
        /** Frame-sized straight-alpha layers between background and subject ({@link Layers}), or {@code null}. */
        final int[] layers;

        Prepared(Rect frame, Background.Kind kind, int rgb, Resampler sampler, int[] pixels, boolean sharp) {
            this(frame, kind, rgb, sampler, pixels, sharp, null);
        }

        Prepared(Rect frame, Background.Kind kind, int rgb, Resampler sampler, int[] pixels, boolean sharp,
                int[] layers) {
            this.frame = frame;
            this.kind = kind;
            this.rgb = rgb;
            this.sampler = sampler;
            this.pixels = pixels;
            this.sharp = sharp;
            this.layers = layers;
        }
    }

    /**
     * Lays out {@code background} on {@code frame} of {@code original}; nothing is modified.
     *
     * @param frame the output picture in original coordinates, or {@code null} for the whole image
     * @throws IllegalArgumentException if {@code frame} is not inside the image or {@code background} is null
     */
    public static Prepared prepare(RgbaImage original, Background background, Rect frame) {
        if (background == null) {
            throw new IllegalArgumentException("Expected a background, got null");
        }
        if (frame == null) {
            frame = new Rect(0, 0, original.width, original.height);
        }
        Rect.checkInside("frame", frame, original.width, original.height);
        int fw = frame.width;
        int fh = frame.height;
        switch (background.kind) {
            case COLOR:
                return new Prepared(frame, Background.Kind.COLOR, background.rgb, null, null, false);
            case IMAGE: {
                RgbaImage bg = background.image;
                double scale = Math.max((double) fw / bg.width, (double) fh / bg.height);
                double sw = fw / scale;
                double sh = fh / scale;
                Resampler sampler = new Resampler(bg, (bg.width - sw) / 2, (bg.height - sh) / 2, sw, sh, fw, fh,
                        false);
                return new Prepared(frame, Background.Kind.IMAGE, 0, sampler, null, false);
            }
            case BLUR: {
                double sigma = background.blurRadius;
                int factor = (int) Math.max(1.0, Math.min(Math.floor(sigma / REDUCE), Math.max(fw, fh)));
                // Capped: blurs that wide already flatten the (then tiny) reduced image, and boxes stay narrow.
                double small = Math.min(MAX_SMALL_SIGMA, factor == 1 ? sigma : Math.sqrt(Math.max(0.0,
                        (sigma / factor) * (sigma / factor) - 0.25)));
                int[] radii = BoxBlur.radii(small);
                if (factor == 1 && radii[0] == 0 && radii[1] == 0 && radii[2] == 0) {
                    return new Prepared(frame, Background.Kind.BLUR, 0, null, null, true);
                }
                int sw = (fw + factor - 1) / factor;
                int sh = (fh + factor - 1) / factor;
                int[] px = BoxBlur.downscale(original, frame, factor);
                for (int r : radii) {
                    BoxBlur.horizontal(px, sw, sh, r);
                }
                for (int r : radii) {
                    BoxBlur.vertical(px, sw, sh, r);
                }
                if (factor == 1) {
                    return new Prepared(frame, Background.Kind.BLUR, 0, null, px, false);
                }
                Resampler sampler = new Resampler(new RgbaImage(sw, sh, px), 0, 0, (double) fw / factor,
                        (double) fh / factor, fw, fh, false);
                return new Prepared(frame, Background.Kind.BLUR, 0, sampler, null, false);
            }
            default:
                return new Prepared(frame, Background.Kind.TRANSPARENT, 0, null, null, false);
        }
    }

    /**
     * Like {@link #prepare(RgbaImage, Background, Rect)}, with {@code layers} (see {@link Layers}) between the
     * background and the subject; {@code layers} is kept, not copied, and must not change while in use.
     *
     * @param layers {@code frame.width * frame.height} packed straight-alpha pixels, row by row over the frame, or
     *     {@code null} for none
     * @throws IllegalArgumentException as {@link #prepare(RgbaImage, Background, Rect)}, or if {@code layers} has
     *     the wrong length
     */
    public static Prepared prepare(RgbaImage original, Background background, Rect frame, int[] layers) {
        Prepared p = prepare(original, background, frame);
        if (layers == null) {
            return p;
        }
        Rect.checkLength("layer pixels", layers.length, p.frame.width, p.frame.height);
        return new Prepared(p.frame, p.kind, p.rgb, p.sampler, p.pixels, p.sharp, layers);
    }

    /**
     * Gives {@code photo} the cutout's colours wherever the cutout is not fully transparent, keeping the photo's own
     * alpha and, where the cutout is transparent, its own colours. The cutout's edge colours are the subject's with
     * the old background taken out (foreground estimation), so compositing over a new background shows no halo,
     * while the restore brush and the blurred background still find the photo's colours everywhere else.
     *
     * @param photo packed pixels, changed in place
     * @param cutout the worker's cutout of the same size
     * @throws IllegalArgumentException if the sizes differ
     */
    public static void takeForeground(int[] photo, int[] cutout) {
        if (photo.length != cutout.length) {
            throw new IllegalArgumentException("Expected a cutout of " + photo.length + " pixels, got "
                    + cutout.length);
        }
        for (int i = 0; i < photo.length; i++) {
            int c = cutout[i];
            if ((c >>> 24) != 0) {
                photo[i] = (photo[i] & 0xFF000000) | (c & 0x00FFFFFF);
            }
        }
    }

    /**
     * Composites {@code crop} (or the whole image if {@code null}) into a new image of the crop's size; only the
     * returned image is new, nothing is modified.
     *
     * @param alpha the edited mask, {@code original.width * original.height} bytes
     * @throws IllegalArgumentException if {@code crop} is not inside the image or {@code alpha} has the wrong length
     */
    public static RgbaImage composite(RgbaImage original, byte[] alpha, Background background, Rect crop) {
        Prepared prepared = prepare(original, background, crop);
        Rect frame = prepared.frame;
        int[] out = new int[frame.width * frame.height];
        composite(original, alpha, prepared, frame, out, 0, frame.width);
        return new RgbaImage(frame.width, frame.height, out);
    }

    /**
     * Composites {@code region} of the prepared frame; pixel {@code (x, y)} of the region (original coordinates)
     * goes to {@code out[outOffset + (y - region.y) * outStride + (x - region.x)]}. Only those elements of
     * {@code out} are modified.
     *
     * @param alpha the edited mask, {@code original.width * original.height} bytes
     * @param region part of {@code prepared.frame} to write, or {@code null} for all of it
     * @throws IllegalArgumentException if {@code region} is not inside the frame or an array is too short
     */
    public static void composite(RgbaImage original, byte[] alpha, Prepared prepared, Rect region, int[] out,
            int outOffset, int outStride) {
        Rect.checkLength("alpha bytes", alpha.length, original.width, original.height);
        Rect frame = prepared.frame;
        Rect.checkInside("frame", frame, original.width, original.height);
        if (region == null) {
            region = frame;
        }
        if (!frame.contains(region)) {
            throw new IllegalArgumentException("Expected a region inside the frame " + frame + ", got " + region);
        }
        if (outStride < region.width || outOffset < 0
                || outOffset + (long) (region.height - 1) * outStride + region.width > out.length) {
            throw new IllegalArgumentException("Expected an output of at least " + (outOffset + (long) (region.height
                    - 1) * outStride + region.width) + " pixels with stride >= " + region.width + ", got "
                    + out.length + " pixels with stride " + outStride);
        }
        int[] src = original.pixels;
        int width = original.width;
        int count = region.width;
        Background.Kind kind = prepared.kind;
        int[] bgRow = prepared.sampler != null ? new int[count] : null;
        int[] bgPixels = prepared.sharp ? src : prepared.pixels;
        int[] layers = prepared.layers;
        for (int y = region.y; y < region.bottom(); y++) {
            int s = y * width + region.x;
            int o = outOffset + (y - region.y) * outStride;
            int l = (y - frame.y) * frame.width + (region.x - frame.x);
            if (kind == Background.Kind.TRANSPARENT) {
                if (layers != null) {
                    for (int i = 0; i < count; i++) {
                        int p = src[s + i];
                        out[o + i] = Layers.over(p, coverage(p, alpha[s + i]), layers[l + i]);
                    }
                    continue;
                }
                for (int i = 0; i < count; i++) {
                    int p = src[s + i];
                    out[o + i] = (coverage(p, alpha[s + i]) << 24) | (p & 0xFFFFFF);
                }
                continue;
            }
            int[] bg;
            int b;
            if (kind == Background.Kind.COLOR) {
                bg = null;
                b = 0;
            } else if (bgRow != null) {
                prepared.sampler.row(y - frame.y, region.x - frame.x, count, bgRow, 0);
                bg = bgRow;
                b = 0;
            } else if (prepared.sharp) {
                bg = bgPixels;
                b = s;
            } else {
                bg = bgPixels;
                b = (y - frame.y) * frame.width + (region.x - frame.x);
            }
            int color = prepared.rgb;
            for (int i = 0; i < count; i++) {
                int p = src[s + i];
                int a = coverage(p, alpha[s + i]);
                int q = bg == null ? color : bg[b + i];
                if (layers != null) {
                    int u = layers[l + i];
                    q = blend(u, q, u >>> 24);
                }
                out[o + i] = blend(p, q, a);
            }
        }
    }

    /** The mask value scaled by the original's own alpha: {@code round(mask * pa / 255)}. */
    private static int coverage(int pixel, byte mask) {
        int a = mask & 0xFF;
        int pa = pixel >>> 24;
        return pa == 255 ? a : div255(a * pa);
    }

    /**
     * Opaque {@code fg} over {@code bg} with coverage {@code a}: per channel {@link #div255}{@code (fg * a + bg *
     * (255 - a))}. Red and blue share one int (16 bits each: a lane peaks at 65025 + 128 + 254 < 65536), then green.
     */
    static int blend(int fg, int bg, int a) {
        if (a == 255) {
            return fg | 0xFF000000;
        }
        if (a == 0) {
            return bg | 0xFF000000;
        }
        int na = 255 - a;
        int rb = (fg & 0xFF00FF) * a + (bg & 0xFF00FF) * na + 0x800080;
        rb = ((rb + ((rb >>> 8) & 0xFF00FF)) >>> 8) & 0xFF00FF;
        int g = ((fg >>> 8) & 0xFF) * a + ((bg >>> 8) & 0xFF) * na + 0x80;
        g = (g + (g >>> 8)) >>> 8;
        return 0xFF000000 | rb | (g << 8);
    }

    /** {@code (x + 127) / 255}, that is {@code round(x / 255)}, for {@code 0 <= x <= 255 * 255}, without dividing. */
    static int div255(int x) {
        x += 128;
        return (x + (x >> 8)) >> 8;
    }
}
