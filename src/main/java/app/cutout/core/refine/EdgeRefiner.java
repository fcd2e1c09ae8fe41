package app.cutout.core.refine;

import app.cutout.core.image.RgbaImage;
import app.cutout.core.ops.Bilinear;
import app.cutout.core.ops.MaskUpsampler;

/**
 * Turns the model's coarse mask into the photo's alpha with edges that follow the photo, and the colours of the
 * semi-transparent edge pixels into the subject's own.
 *
 * <p>Steps, for {@code strength > 0}:
 * <ol>
 *   <li>Flags from the mask alone: which bins of the working grid (longer side {@link RefineOptions#workingSize},
 *       see {@link WorkGrid}) can hold a semi-transparent pixel, and which a pixel in the refined band.
 *   <li>Raw alpha: the mask upsampled exactly as {@link MaskUpsampler#applyAlpha} does, written into every pixel. In
 *       the same pass, the photo's colour and raw alpha are averaged into the grid bins near the soft edge only.
 *   <li>With {@link RefineOptions#matting} (the default), the matting step ({@link #matte}) replaces the next two:
 *       a trimap on the grid (sure subject, sure background, an unknown band around the bins the model is unsure
 *       of, {@link RefineOptions#trimapErode} mask pixels wide), {@link AlphaMatting closed-form matting} in the band
 *       with the mask as a weak prior, the solved alpha carried to full resolution by a radius-1 guided filter
 *       ({@code q = a·I + b} with the pixel's own colour), sure regions exactly 0 or 255. Unlike the steps below,
 *       it changes solid raw pixels too: inside the sure subject everything becomes 255, inside the sure
 *       background 0, and near the band the solve decides.
 *   <li>Without it: {@link GuidedFilter} (colour guide): coefficients {@code a, b} fitted on the grid (guide =
 *       binned colour, input = binned raw alpha), then at full resolution {@code q = a·I + b} with bilinearly upsampled
 *       {@code a, b} and the pixel's own colour {@code I} (He and Sun's fast guided filter). Only pixels whose raw
 *       alpha lies inside the band {@code (bandLow, bandHigh)} change, to
 *       {@code raw + w·(clamp(q, 0, 1) - raw)}, {@code w} fading in over {@code bandFeather} from the band's ends;
 *       every other pixel keeps the raw alpha exactly.
 *   <li>With {@link RefineOptions#regions}, wide unsure regions (mid-grey patches several grid bins across, where
 *       the fine filter's small window sees no sure pixel) are decided from colour by a confidence-weighted guided
 *       filter with a wide window, again only inside the band ({@link #resolveRegions}).
 *   <li>For {@code strength < 1}, the alpha of the changed pixels becomes {@code raw + strength·(alpha - raw)}.
 *   <li>{@link ForegroundEstimator}: the multi-level foreground solve on the grid near the soft edge, then one
 *       full-resolution update of every pixel with {@code 0 < alpha < 255}, whose colour becomes
 *       {@code I + strength·(F - I)}.
 * </ol>
 *
 * <p>Cost: linear passes over the photo (the raw alpha over all of it; the bins near the edge; the edge pixels; the
 * pixels of unsure regions, if any), the rest on the grid. Memory: besides the image itself, {@code O(width + maskW)}
 * per row and at most about 62 bytes per grid bin of the box around the soft edge (under 20 MB at the default 640 grid
 * even when the box is the whole photo), whatever the photo's size; no full-resolution buffer.
 *
 * <p>Colour versus grey guide: the colour filter sums 13 statistics and solves a 3x3 system per bin instead of 4
 * and a division, but on the grid that is a few milliseconds, and hair against a background of similar brightness
 * but different hue needs it.
 */
public final class EdgeRefiner {
    private EdgeRefiner() {
    }

    /** {@link #refine(float[], int, int, RgbaImage, float, RefineOptions)} with the default options. */
    public static void refine(float[] mask, int maskW, int maskH, RgbaImage image, float strength) {
        refine(mask, maskW, maskH, image, strength, new RefineOptions());
    }

    /**
     * Writes alpha (and, with {@link RefineOptions#foreground}, the colour of semi-transparent pixels) into
     * {@code image.pixels} in place.
     *
     * @param mask {@code maskW * maskH} mask values, nominally 0..1
     * @param strength 0 (or less, or NaN) gives exactly {@link MaskUpsampler#applyAlpha}; 1 the full refinement; values
     *     in between blend both the alpha and the colour change linearly; above 1 counts as 1
     * @throws IllegalArgumentException if a size is not positive, an array has the wrong length or an option is out
     *     of range
     */
    public static void refine(float[] mask, int maskW, int maskH, RgbaImage image, float strength,
            RefineOptions options) {
        refine(mask, maskW, maskH, image, strength, options, PassLog.OFF);
    }

    /**
     * {@link #refine(float[], int, int, RgbaImage, float, RefineOptions)}, reporting each pass to {@code log}: {@code
     * flags} (which grid bins can hold soft pixels), {@code raw_alpha} (the raw alpha of every pixel and the grid's
     * means), then with matting {@code trimap}, {@code matting} (the solve), {@code matte_coef} and
     * {@code matte_write}, without it {@code guided_coef}, {@code guided_apply} and {@code regions}; {@code blend} for
     * a strength below 1; {@code fg_solve} and {@code fg_apply} (foreground colours on the grid, then per pixel).
     */
    public static void refine(float[] mask, int maskW, int maskH, RgbaImage image, float strength,
            RefineOptions options, PassLog log) {
        log.start();
        int width = image.width;
        int height = image.height;
        int[] px = image.pixels;
        if (!(strength > 0f)) {
            MaskUpsampler.applyAlpha(mask, maskW, maskH, px, width, height);
            return;
        }
        if (maskW <= 0 || maskH <= 0 || mask.length != (long) maskW * maskH) {
            throw new IllegalArgumentException("Expected " + (long) maskW * maskH + " mask values for " + maskW + "x"
                    + maskH + ", got " + mask.length);
        }
        options.validate();
        if (strength > 1f) {
            strength = 1f;
        }
        Bilinear raw = new Bilinear(mask, maskW, maskH, width, height);
        WorkGrid g = new WorkGrid(width, height, options.workingSize);
        byte[] full = maskFlags(mask, maskW, raw, g, options);
        int r = gridRadius(options.radius, maskW, maskH, g);
        int erode = options.matting ? gridRadius(options.trimapErode, maskW, maskH, g) : 0;
        // With matting, the solve's windows and the upsampling's taps reach 4 bins past the unknown band, which
        // reaches erode bins past the soft bins: all of that needs colour.
        int guideMargin = Math.max(Math.max(2 * r + 2, options.fgMargin), options.matting ? erode + 5 : 0);
        if (!g.crop(full, WorkGrid.SOFT, guideMargin)) {
            // No pixel can be semi-transparent: the raw alpha is all there is.
            log.pass("flags");
            for (int y = 0; y < height; y++) {
                raw.alphaRow(y, px, y * width);
            }
            log.pass("raw_alpha");
            return;
        }
        full = null;
        g.dilate(WorkGrid.SOFT, WorkGrid.GUIDE, guideMargin);
        g.dilate(WorkGrid.SOFT, WorkGrid.DOMAIN, options.fgMargin);
        g.dilate(WorkGrid.BAND, WorkGrid.COEF, r + 1);
        log.pass("flags");

        rawAlphaAndGrid(px, raw, g);
        log.pass("raw_alpha");

        if (options.matting) {
            matte(px, g, erode, gridRadius(options.hazeRadius, maskW, maskH, g),
                    gridRadius(options.solidDepth, maskW, maskH, g), gridRadius(options.solidSmooth, maskW, maskH, g),
                    options, log);
            if (strength < 1f) {
                blendWithRaw(px, raw, g, strength, WorkGrid.SOFT | WorkGrid.REGION_APPLY);
                log.pass("blend");
            }
            if (options.foreground) {
                g.dilate(WorkGrid.REGION_APPLY, WorkGrid.DOMAIN, options.fgMargin);
                foreground(px, g, options, strength, log);
            }
            return;
        }
        float[] coef = GuidedFilter.meanCoefficients(g.rgb, g.alpha, g.bw, g.bh, r, options.epsilon, g.flags,
                WorkGrid.COEF);
        log.pass("guided_coef");
        // Both alpha steps run at full strength; a weaker strength blends their result with the raw alpha at the end,
        // so that it scales the whole alpha change linearly.
        applyCoefficients(px, g, coef, WorkGrid.BAND, false, options);
        coef = null;
        log.pass("guided_apply");
        if (options.regions) {
            resolveRegions(px, g, gridRadius(options.regionRadius, maskW, maskH, g), options);
            log.pass("regions");
        }
        if (strength < 1f) {
            blendWithRaw(px, raw, g, strength, WorkGrid.BAND | WorkGrid.REGION_APPLY);
            log.pass("blend");
        }

        if (options.foreground) {
            foreground(px, g, options, strength, log);
        }
    }

    private static void foreground(int[] px, WorkGrid g, RefineOptions options, float strength, PassLog log) {
        float[][] fb = ForegroundEstimator.solveOnGrid(g, options);
        log.pass("fg_solve");
        ForegroundEstimator.applyFullResolution(px, g, fb[0], fb[1], options, strength);
        log.pass("fg_apply");
    }

    /**
     * The guided filter radius in grid pixels: {@code radius} is in mask pixels, since the mask's edge ramp is a
     * couple of mask pixels wide whatever the photo's size. A 640 grid and a 1024 mask give 0.625 grid pixels per
     * mask pixel, so the default 4 becomes 3 (about 19 photo pixels on 4000x3000).
     */
    static int gridRadius(int radius, int maskW, int maskH, WorkGrid g) {
        double perMaskPixel = Math.max((double) g.gw / maskW, (double) g.gh / maskH);
        return radius == 0 ? 0 : Math.max(1, (int) Math.round(radius * perMaskPixel));
    }

    /**
     * Full-grid {@link WorkGrid#SOFT} and {@link WorkGrid#BAND} flags from the mask alone: the raw alpha of a pixel
     * is a bilinear blend of its (at most) four mask taps, so it lies between their minimum and maximum, and a bin
     * can hold a soft (band) pixel only if the taps of its pixels reach into the soft (band) range.
     */
    static byte[] maskFlags(float[] mask, int maskW, Bilinear raw, WorkGrid g, RefineOptions o) {
        int gw = g.gw;
        int gh = g.gh;
        int maskH = mask.length / maskW;
        // Byte b = round(v * 255) is >= k iff v * 255 >= k - 0.5; the 0.01 slack covers float rounding of the blend.
        float softLo = 0.49f / 255f;
        float softHi = 254.51f / 255f;
        float bandLo = (o.bandLowByte() - 0.51f) / 255f;
        float bandHi = (o.bandHighByte() + 0.51f) / 255f;
        // Class bits of each mask value: 1 = can give a byte > 0, 2 = < 255, 4 = >= band low, 8 = <= band high. A
        // bin is soft when the OR over its taps has 1 and 2, in the band when it has 4 and 8. NaN acts as 0.
        int[] mx0 = new int[gw];
        int[] mx1 = new int[gw];
        for (int j = 0; j < gw; j++) {
            mx0[j] = raw.columns.lo[g.colStart[j]];
            mx1[j] = raw.columns.hi[g.colStart[j + 1] - 1];
        }
        byte[] rowClass = new byte[maskW];
        byte[] horizontal = new byte[maskH * gw];
        for (int my = 0; my < maskH; my++) {
            for (int x = 0, k = my * maskW; x < maskW; x++, k++) {
                float v = mask[k];
                int c = 0;
                if (v >= softLo) {
                    c |= 1;
                }
                if (!(v >= softHi)) {
                    c |= 2;
                }
                if (v >= bandLo) {
                    c |= 4;
                }
                if (!(v >= bandHi)) {
                    c |= 8;
                }
                rowClass[x] = (byte) c;
            }
            for (int j = 0, h = my * gw; j < gw; j++, h++) {
                int c = 0;
                for (int x = mx0[j], end = mx1[j]; x <= end; x++) {
                    c |= rowClass[x];
                }
                horizontal[h] = (byte) c;
            }
        }
        byte[] flags = new byte[gw * gh];
        for (int i = 0; i < gh; i++) {
            int my0 = raw.rowLo(g.rowStart[i]);
            int my1 = raw.rowHi(g.rowStart[i + 1] - 1);
            for (int j = 0, o2 = i * gw; j < gw; j++, o2++) {
                int c = 0;
                for (int my = my0, h = my0 * gw + j; my <= my1; my++, h += gw) {
                    c |= horizontal[h];
                }
                int f = 0;
                if ((c & 3) == 3) {
                    f |= WorkGrid.SOFT;
                }
                if ((c & 12) == 12) {
                    f |= WorkGrid.BAND;
                }
                flags[o2] = (byte) f;
            }
        }
        return flags;
    }

    /** Writes the raw alpha of every row and, for rows in the box, adds its {@link WorkGrid#GUIDE} bins' sums. */
    private static void rawAlphaAndGrid(int[] px, Bilinear raw, WorkGrid g) {
        int width = g.width;
        g.rgb = new float[3 * g.bw * g.bh];
        g.alpha = new float[g.bw * g.bh];
        WorkGrid.Runs guide = g.runs(WorkGrid.GUIDE);
        int[] acc = new int[4 * g.bw];
        int boxTop = g.rowStart[g.by0];
        int boxBottom = g.rowStart[g.by0 + g.bh];
        int i = 0;
        for (int y = 0; y < g.height; y++) {
            raw.alphaRow(y, px, y * width);
            if (y < boxTop || y >= boxBottom) {
                continue;
            }
            while (y >= g.rowStart[g.by0 + i + 1]) {
                i++;
            }
            int r0 = guide.rowPtr[i];
            int r1 = guide.rowPtr[i + 1];
            if (r0 == r1) {
                continue;
            }
            g.accumulateRow(px, y * width, guide.runs, r0, r1, acc);
            if (y == g.rowStart[g.by0 + i + 1] - 1) {
                g.flush(i, guide.runs, r0, r1, acc);
            }
        }
    }

    /**
     * Where the model is unsure over a whole region rather than along a thin edge (a patch of mid-grey alpha inside
     * a solid part of the subject, a wide blurry stretch of outline), decides it from colour: a
     * {@link GuidedFilter#weightedMeanCoefficients confidence-weighted guided filter} with a wide window
     * ({@link RefineOptions#regionRadius}) learns, from the pixels the model is sure of (alpha at most
     * {@link RefineOptions#regionConfident} from 0 or 1), which colours are subject and which background, and that
     * linear colour model replaces the unsure alpha. Pixels change by {@code strength · f · u · (q - alpha)}, where
     * {@code u = 1 - (2·alpha - 1)²} is the model's own uncertainty (0 for solid pixels, which never change), and
     * {@code f} is the bin's region weight: 1 where all of a bin's 3x3 neighbours are unsure, falling to 0 where a
     * third of them are sure, so thin edge ramps (one or two bins wide, already refined by the fine guided filter)
     * are left alone; it also falls off where the window holds little trusted input.
     */
    private static void resolveRegions(int[] px, WorkGrid g, int radius, RefineOptions o) {
        int bw = g.bw;
        int bh = g.bh;
        int n = bw * bh;
        float sure = o.regionConfident;
        byte[] unsure = new byte[n];
        for (int k = 0; k < n; k++) {
            // Bins without colour (no GUIDE) are neither unsure nor samples.
            if ((g.flags[k] & WorkGrid.GUIDE) != 0 && isUnsure(g.alpha[k], sure)) {
                unsure[k] = 1;
            }
        }
        float[] factor = new float[n];
        boolean any = false;
        for (int i = 0; i < bh; i++) {
            for (int j = 0; j < bw; j++) {
                if (unsure[i * bw + j] == 0) {
                    continue;
                }
                int count = 0;
                for (int y = Math.max(0, i - 1); y <= Math.min(bh - 1, i + 1); y++) {
                    for (int x = Math.max(0, j - 1); x <= Math.min(bw - 1, j + 1); x++) {
                        count += unsure[y * bw + x];
                    }
                }
                // 9 unsure of 9 gives 1, 6 or fewer 0. Measured against a 5x5 neighbourhood (stricter about what counts
                // as a region) and other thresholds on the cut-outs: 5x5 spoils fewer outlines whose own ramp is wide
                // (astronaut edge SAD 2.33 -> 2.23) but keeps 10-20 % less of the gain on the coffee cup and the
                // squirrel; 3x3 from 4.5 (gains there, loses on the astronaut) to 7.2 of 9 moved every SAD by < 5 %.
                float f = (count - 6) / 3f;
                if (f > 0f) {
                    factor[i * bw + j] = f;
                    g.flags[i * bw + j] |= WorkGrid.REGION;
                    any = true;
                }
            }
        }
        unsure = null;
        if (!any) {
            return;
        }
        // Coefficients are needed at the region's bins and their neighbours (bilinear taps), so windows are fitted
        // within radius + 1 of the region; they read data within radius of that. The fit runs on that box only.
        g.dilate(WorkGrid.REGION, WorkGrid.REGION_COEF, radius + 1);
        g.dilate(WorkGrid.REGION, WorkGrid.REGION_APPLY, 1);
        // Not null: every REGION bin has REGION_COEF.
        int[] b = WorkGrid.bounds(g.flags, bw, bh, WorkGrid.REGION_COEF);
        int x0 = Math.max(0, b[0] - radius);
        int y0 = Math.max(0, b[1] - radius);
        int x1 = Math.min(bw - 1, b[2] + radius);
        int y1 = Math.min(bh - 1, b[3] + radius);
        int cw = x1 - x0 + 1;
        int ch = y1 - y0 + 1;
        // Fresh memory is slow to touch in a browser (page faults), so the box's own planes are used when the crop
        // is all of it (small photos, regions spread over the photo).
        boolean whole = cw == bw && ch == bh;
        float[] rgb = whole ? g.rgb : new float[3 * cw * ch];
        float[] alpha = whole ? g.alpha : new float[cw * ch];
        byte[] flags = whole ? g.flags : new byte[cw * ch];
        float[] sample = new float[cw * ch];
        for (int i = 0; i < ch; i++) {
            if (!whole) {
                int from = (y0 + i) * bw + x0;
                System.arraycopy(g.rgb, 3 * from, rgb, 3 * i * cw, 3 * cw);
                System.arraycopy(g.alpha, from, alpha, i * cw, cw);
                System.arraycopy(g.flags, from, flags, i * cw, cw);
            }
            for (int j = 0, c = i * cw; j < cw; j++, c++) {
                // A sample: a bin with colour whose alpha the model is sure of.
                if ((flags[c] & WorkGrid.GUIDE) != 0 && !isUnsure(alpha[c], sure)) {
                    sample[c] = 1f;
                }
            }
        }
        float[] fitted = GuidedFilter.weightedMeanCoefficients(rgb, alpha, sample, cw, ch, radius, o.regionEpsilon,
                flags, WorkGrid.REGION_COEF);
        rgb = null;
        alpha = null;
        sample = null;
        flags = null;
        // Back onto the box, the fifth channel becoming the bin's factor; 0 (no change) outside the fitted box.
        float[] coef = whole ? fitted : new float[5 * n];
        for (int i = 0; i < ch; i++) {
            for (int j = 0; j < cw; j++) {
                int k = (y0 + i) * bw + x0 + j;
                int c = 5 * (i * cw + j);
                if (!whole) {
                    System.arraycopy(fitted, c, coef, 5 * k, 4);
                }
                coef[5 * k + 4] = factor[k] * Math.min(1f, fitted[c + 4] / o.regionSupport);
            }
        }
        applyCoefficients(px, g, coef, WorkGrid.REGION_APPLY, true, o);
    }

    /**
     * The matting step. On the working grid: a trimap from the bins' mean raw alpha (unsure where it lies strictly
     * between {@link RefineOptions#trimapLow} and {@link RefineOptions#trimapHigh}; the unknown band is the unsure
     * bins grown by {@code erode} bins, so it is wider where the model's ramp is; every other bin with colour is sure
     * subject or sure background by its mean alpha), then {@link AlphaMatting#solve} in the band with the raw alpha
     * as a confidence-weighted prior; with {@link RefineOptions#haze}, {@link HazeRemoval} turns flat,
     * background-coloured unknown bins into background before the solve and clears faint components that do not
     * reach the subject after it. At full resolution: pixels of the band and the bins next to it get
     * {@code q = a·I + b} from the solved alpha's local colour models (a guided filter of radius 1, bilinearly
     * interpolated coefficients, the pixel's own colour), snapped to 0 or 1 within
     * {@link RefineOptions#mattingSnap}; the other soft pixels become exactly 0 or 255 by their bin's trimap side.
     * Flags the band {@link WorkGrid#REGION} and the changed bins {@link WorkGrid#REGION_APPLY} (the region step
     * does not run with matting); keeps the grid's mean alpha in step.
     */
    private static void matte(int[] px, WorkGrid g, int erode, int hazeRadius, int solidDepth, int solidSmooth,
            RefineOptions o, PassLog log) {
        int bw = g.bw;
        int bh = g.bh;
        int n = bw * bh;
        float lo = o.trimapLow;
        float hi = o.trimapHigh;
        byte[] flags = g.flags;
        boolean any = false;
        for (int k = 0; k < n; k++) {
            float a = g.alpha[k];
            if ((flags[k] & WorkGrid.GUIDE) != 0 && a > lo && a < hi) {
                flags[k] |= WorkGrid.REGION_COEF;
                any = true;
            }
        }
        if (any) {
            g.dilate(WorkGrid.REGION_COEF, WorkGrid.REGION, erode);
        }
        byte[] constraint = new byte[n];
        float[] prior = new float[n];
        float[] solved = new float[n];
        float floor = o.mattingPriorFloor;
        for (int k = 0; k < n; k++) {
            float a = g.alpha[k];
            if ((flags[k] & WorkGrid.GUIDE) == 0) {
                constraint[k] = AlphaMatting.KEEP;
            } else if ((flags[k] & WorkGrid.REGION) != 0) {
                solved[k] = a;
                float t = 2f * a - 1f;
                float t2 = t * t;
                float t8 = t2 * t2 * t2 * t2;
                prior[k] = o.mattingPrior * (floor + (1f - floor) * t2) + o.mattingPriorConfident * t8;
            } else {
                constraint[k] = a >= 0.5f ? AlphaMatting.FOREGROUND : AlphaMatting.BACKGROUND;
            }
        }
        if (any && o.haze) {
            HazeRemoval.markBackgroundColours(g.rgb, solved, constraint, bw, bh, hazeRadius, o.hazeMaxAlpha,
                    o.hazeEpsilon, o.hazeNear, o.hazeFar, o.hazeSupport, o.hazeFlat, o.hazeReach);
        }
        // From here on only subject marks are added: both looks for cores share the background's models.
        HazeRemoval.BackgroundModels background = null;
        if (any && o.solid) {
            background = new HazeRemoval.BackgroundModels(g.rgb, constraint, bw, bh, hazeRadius);
            HazeRemoval.markSubjectCores(g.rgb, solved, constraint, bw, bh, hazeRadius, solidDepth, solidSmooth,
                    o.solidMinAlpha, o.hazeEpsilon, o.solidNear, o.hazeSupport, o.solidFlat, background);
        }
        log.pass("trimap");
        float[] preview = null;
        if (any && o.solid && o.solidPreviewAlpha < 1f && bw >= 4 && bh >= 4) {
            // A second look for cores, at where the solve is heading (its half-resolution level): a part the model's
            // mask leaves below 0.5 but that the solve, from the cores found so far and the part's colour, already
            // takes for subject.
            preview = AlphaMatting.coarseSolution(g.rgb, solved, prior, constraint, bw, bh, o.mattingEpsilon,
                    o.mattingIterations);
            HazeRemoval.markSubjectCores(g.rgb, preview, constraint, bw, bh, hazeRadius, solidDepth, 0,
                    o.solidPreviewAlpha, o.hazeEpsilon, o.solidNear, o.hazeSupport, o.solidFlat, background);
            log.pass("solid_preview");
        }
        background = null;
        if (any) {
            if (preview != null) {
                // The preview is the solve's own half-resolution level: start the finest level from it.
                AlphaMatting.solve(g.rgb, solved, preview, prior, constraint, bw, bh, null, o.mattingEpsilon,
                        o.mattingIterations, 1);
            } else {
                AlphaMatting.solve(g.rgb, solved, prior, constraint, bw, bh, null, o.mattingEpsilon,
                        o.mattingIterations);
            }
            if (o.haze) {
                HazeRemoval.clearFloating(solved, constraint, bw, bh, o.mattingSnap, o.hazePeak);
            }
        } else {
            for (int k = 0; k < n; k++) {
                solved[k] = constraint[k] == AlphaMatting.FOREGROUND ? 1f : 0f;
            }
        }
        prior = null;
        float[] coef = null;
        if (any) {
            // The bins within 1 of the band take q; their bilinear taps reach 1 further and each tap averages the
            // windows within 1 of it.
            g.dilate(WorkGrid.REGION, WorkGrid.REGION_APPLY, 1);
            g.dilate(WorkGrid.REGION, WorkGrid.REGION_COEF, 3);
        }
        log.pass("matting");
        if (any) {
            coef = GuidedFilter.meanCoefficients(g.rgb, solved, bw, bh, 1, o.mattingUpEpsilon, flags,
                    WorkGrid.REGION_COEF);
        }
        log.pass("matte_coef");
        writeMatte(px, g, coef, constraint, o.mattingSnap);
        log.pass("matte_write");
    }

    /**
     * Writes the matting step's alpha into the pixels of the {@link WorkGrid#SOFT} and {@link WorkGrid#REGION_APPLY}
     * bins: {@code q = a·I + b} (snapped) in the latter, the trimap's 0 or 255 in the former.
     */
    private static void writeMatte(int[] px, WorkGrid g, float[] coef, byte[] constraint, float snap) {
        int width = g.width;
        int bw = g.bw;
        float inv255 = 1f / 255f;
        float snapLo = snap * 255f;
        float snapHi = 255f - snapLo;
        WorkGrid.Taps xt = g.columnTaps();
        WorkGrid.Taps yt = g.rowTaps();
        WorkGrid.Runs runs = g.runs(WorkGrid.SOFT | WorkGrid.REGION_APPLY);
        float[] row = new float[4 * bw];
        int[] xLo = xt.lo;
        int[] xHi = xt.hi;
        float[] xFrac = xt.frac;
        int xFrom = xt.from;
        for (int i = 0; i < g.bh; i++) {
            int r0 = runs.rowPtr[i];
            int r1 = runs.rowPtr[i + 1];
            if (r0 == r1) {
                continue;
            }
            int gi = g.by0 + i;
            for (int y = g.rowStart[gi]; y < g.rowStart[gi + 1]; y++) {
                int ty = y - yt.from;
                int rowLo = 4 * yt.lo[ty] * bw;
                int rowHi = 4 * yt.hi[ty] * bw;
                float fy = yt.frac[ty];
                float gy = 1f - fy;
                int rowOff = y * width;
                for (int k = r0; k < r1; k++) {
                    int j0 = runs.runs[2 * k];
                    int j1 = runs.runs[2 * k + 1];
                    if (coef != null) {
                        for (int t = 4 * Math.max(0, j0 - 1), end = 4 * Math.min(bw, j1 + 1); t < end; t++) {
                            row[t] = gy * coef[rowLo + t] + fy * coef[rowHi + t];
                        }
                    }
                    for (int j = j0; j < j1; j++) {
                        int o = i * bw + j;
                        int change = 0;
                        int xEnd = g.colStart[g.bx0 + j + 1];
                        if (coef == null || (g.flags[o] & WorkGrid.REGION_APPLY) == 0) {
                            int fixed = constraint[o] == AlphaMatting.FOREGROUND ? 255 : 0;
                            for (int x = g.colStart[g.bx0 + j]; x < xEnd; x++) {
                                int idx = rowOff + x;
                                int p = px[idx];
                                int a = p >>> 24;
                                if (a != fixed) {
                                    px[idx] = (p & 0x00FFFFFF) | (fixed << 24);
                                    change += fixed - a;
                                }
                            }
                        } else {
                            for (int x = g.colStart[g.bx0 + j]; x < xEnd; x++) {
                                int idx = rowOff + x;
                                int p = px[idx];
                                int a = p >>> 24;
                                int na;
                                int tx = x - xFrom;
                                float fx = xFrac[tx];
                                float gx = 1f - fx;
                                int c0 = 4 * xLo[tx];
                                int c1 = 4 * xHi[tx];
                                float q = ((gx * row[c0] + fx * row[c1]) * (p & 0xFF)
                                        + (gx * row[c0 + 1] + fx * row[c1 + 1]) * ((p >>> 8) & 0xFF)
                                        + (gx * row[c0 + 2] + fx * row[c1 + 2]) * ((p >>> 16) & 0xFF)) * inv255
                                        + gx * row[c0 + 3] + fx * row[c1 + 3];
                                float v = q * 255f;
                                if (!(v > snapLo)) {
                                    // Also NaN from degenerate input.
                                    na = v == v ? 0 : a;
                                } else if (v >= snapHi) {
                                    na = 255;
                                } else {
                                    na = Bilinear.round255(v);
                                }
                                if (na != a) {
                                    px[idx] = (p & 0x00FFFFFF) | (na << 24);
                                    change += na - a;
                                }
                            }
                        }
                        if (change != 0) {
                            g.alpha[o] += change / (255f * g.count(i, j));
                        }
                    }
                }
            }
        }
    }

    /** Whether a bin's mean alpha is further than {@code sure} from both 0 and 1. */
    private static boolean isUnsure(float alpha, float sure) {
        return alpha > sure && alpha < 1f - sure;
    }

    /**
     * {@code raw + strength · (alpha - raw)} for the pixels of the bins the alpha steps may have changed
     * ({@link WorkGrid#BAND} and {@link WorkGrid#REGION_APPLY}), keeping the grid's mean alpha in step.
     */
    private static void blendWithRaw(int[] px, Bilinear raw, WorkGrid g, float strength, int changedBits) {
        int width = g.width;
        int bw = g.bw;
        int[] rawRow = new int[width];
        for (int i = 0; i < g.bh; i++) {
            int rowFlags = 0;
            for (int j = 0, o = i * bw; j < bw; j++, o++) {
                rowFlags |= g.flags[o];
            }
            if ((rowFlags & changedBits) == 0) {
                continue;
            }
            int gi = g.by0 + i;
            for (int y = g.rowStart[gi]; y < g.rowStart[gi + 1]; y++) {
                raw.alphaRow(y, rawRow, 0);
                int rowOff = y * width;
                for (int j = 0, o = i * bw; j < bw; j++, o++) {
                    if ((g.flags[o] & changedBits) == 0) {
                        continue;
                    }
                    int change = 0;
                    for (int x = g.colStart[g.bx0 + j], end = g.colStart[g.bx0 + j + 1]; x < end; x++) {
                        int p = px[rowOff + x];
                        int a = p >>> 24;
                        int r = rawRow[x] >>> 24;
                        if (a == r) {
                            continue;
                        }
                        int na = Bilinear.round255(r + strength * (a - r));
                        px[rowOff + x] = (p & 0x00FFFFFF) | (na << 24);
                        change += na - a;
                    }
                    if (change != 0) {
                        g.alpha[o] += change / (255f * g.count(i, j));
                    }
                }
            }
        }
    }

    /**
     * Evaluates {@code q = a·I + b} with bilinearly interpolated coefficients at the pixels of the bins flagged
     * {@code bit} whose alpha lies in the band, and moves their alpha towards it, weighted by the band's feather; keeps
     * the grid's mean alpha in step for the later steps. {@code coef} holds four floats per bin ({@code a_R, a_G,
     * a_B, b}); in region mode a fifth, the bin's factor, interpolated alike, which with the pixel's uncertainty
     * {@code 1 - (2·alpha - 1)²} also weights the change.
     */
    private static void applyCoefficients(int[] px, WorkGrid g, float[] coef, int bit, boolean region,
            RefineOptions o) {
        int width = g.width;
        int bw = g.bw;
        int lo = o.bandLowByte();
        int span = o.bandHighByte() - lo;
        float inv255 = 1f / 255f;
        WorkGrid.Taps xt = g.columnTaps();
        WorkGrid.Taps yt = g.rowTaps();
        WorkGrid.Runs band = g.runs(bit);
        int[] runs = band.runs;
        // The coefficients of the current photo row, interpolated vertically, for the bins a run's pixels can tap.
        int stride = region ? 5 : 4;
        float[] row = new float[stride * bw];
        // Weight 1/F at the band's ends rising to 1 over F levels, F = bandFeather * 255; no seam where it ends.
        float featherLevels = o.bandFeather * 255f;
        float feather = featherLevels > 1f ? 1f / featherLevels : 1f;
        int[] xLo = xt.lo;
        int[] xHi = xt.hi;
        float[] xFrac = xt.frac;
        int xFrom = xt.from;
        for (int i = 0; i < g.bh; i++) {
            int r0 = band.rowPtr[i];
            int r1 = band.rowPtr[i + 1];
            if (r0 == r1) {
                continue;
            }
            int gi = g.by0 + i;
            for (int y = g.rowStart[gi]; y < g.rowStart[gi + 1]; y++) {
                int ty = y - yt.from;
                int rowLo = stride * yt.lo[ty] * bw;
                int rowHi = stride * yt.hi[ty] * bw;
                float fy = yt.frac[ty];
                float gy = 1f - fy;
                int rowOff = y * width;
                for (int k = r0; k < r1; k++) {
                    int j0 = runs[2 * k];
                    int j1 = runs[2 * k + 1];
                    for (int t = stride * Math.max(0, j0 - 1), end = stride * Math.min(bw, j1 + 1); t < end; t++) {
                        row[t] = gy * coef[rowLo + t] + fy * coef[rowHi + t];
                    }
                    for (int j = j0; j < j1; j++) {
                        int change = 0;
                        int xEnd = g.colStart[g.bx0 + j + 1];
                        for (int x = g.colStart[g.bx0 + j]; x < xEnd; x++) {
                            int idx = rowOff + x;
                            int p = px[idx];
                            int a = p >>> 24;
                            if (a - lo < 0 || a - lo > span) {
                                continue;
                            }
                            int tx = x - xFrom;
                            float fx = xFrac[tx];
                            float gx = 1f - fx;
                            int c0 = stride * xLo[tx];
                            int c1 = stride * xHi[tx];
                            // The band's feather; in region mode also the bin factor and the pixel's uncertainty.
                            float wt = Math.min(1f, Math.min(a - lo + 1, lo + span + 1 - a) * feather);
                            if (region) {
                                float f = gx * row[c0 + 4] + fx * row[c1 + 4];
                                if (!(f > 0f)) {
                                    continue;
                                }
                                float t = a * (2f / 255f) - 1f;
                                wt *= f * (1f - t * t);
                            }
                            float ar = gx * row[c0] + fx * row[c1];
                            float ag = gx * row[c0 + 1] + fx * row[c1 + 1];
                            float ab = gx * row[c0 + 2] + fx * row[c1 + 2];
                            float b = gx * row[c0 + 3] + fx * row[c1 + 3];
                            float q = (ar * (p & 0xFF) + ag * ((p >>> 8) & 0xFF) + ab * ((p >>> 16) & 0xFF)) * inv255
                                    + b;
                            if (q < 0f) {
                                q = 0f;
                            } else if (q > 1f) {
                                q = 1f;
                            }
                            float v = a + wt * (q * 255f - a);
                            // NaN (from degenerate input) keeps the raw value.
                            int na = v == v ? Bilinear.round255(v) : a;
                            px[idx] = (p & 0x00FFFFFF) | (na << 24);
                            change += na - a;
                        }
                        if (change != 0) {
                            g.alpha[i * bw + j] += change / (255f * g.count(i, j));
                        }
                    }
                }
            }
        }
    }
}
