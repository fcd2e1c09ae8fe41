package app.cutout.core.refine;

/**
 * Tuning of {@link EdgeRefiner}, {@link GuidedFilter} and {@link ForegroundEstimator}. Plain public fields with the
 * defaults below; {@link #copy()} before changing a shared instance.
 *
 * <p>The photo is binned down to a <em>working grid</em> whose longer side is {@link #workingSize}; the guided filter's
 * coefficients and the coarse foreground are computed there, and only the final per-pixel steps run at full
 * resolution. This keeps memory and most of the time independent of the photo's megapixels. {@link #radius} is in
 * mask pixels, {@link #fgMargin} in grid pixels.
 */
public final class RefineOptions {
    /**
     * Longer side of the working grid; photos no larger than this are refined at full resolution. The guided filter's
     * fine detail comes from the full-resolution colour in {@code q = a·I + b}, so the grid only has to carry the
     * mask's shape and the local colour statistics. Measured on synthetic 2000x1500 and 4000x3000 scenes with a
     * 1024 mask: 640 beat 768 and 1024 on smooth outlines and hair-like strands (SAD 5.3 vs 5.6 vs 6.0) and on 6 px
     * bars, and lost only to 1024 on 4 px bars (two mask pixels, 16.4 vs 15.9); 512 lost clearly on those
     * (19.0). A coarser grid is also cheaper: grid work scales with its area.
     */
    public int workingSize = 640;

    /**
     * Upper bound for {@link #workingSize}: the grid costs up to about 62 bytes per bin, so 2048 (3 million bins on a
     * 4:3 photo) can reach about 195 MB.
     */
    public static final int MAX_WORKING_SIZE = 2048;

    /**
     * Guided filter window radius in <em>mask</em> pixels, converted to grid pixels by the grid-to-mask resolution
     * ratio (0.625 for the default 640 grid and a 1024 mask, so 4 becomes 3 grid pixels, about 19 photo pixels on
     * 4000x3000); the window is {@code 2r+1} squared. It must span the mask's edge ramp (2 to 4 mask pixels after
     * bilinear upsampling, wider where the model is unsure) for the linear model to relocate the edge. On synthetic
     * scenes error fell clearly up to r = 4 and little beyond (r = 8: 2% lower SAD with a sharp mask, 6% with a
     * blurred one); larger windows mix more unrelated colours on real photos and blur low-contrast edges more (where
     * the guide cannot explain the mask the output is the mask box-filtered twice). Time does not depend on r
     * (running sums) except through the margins of the region it reads.
     */
    public int radius = 4;

    /**
     * Guided filter regularisation {@code ε}, in squared 0..1 colour units: within a window, colour variation with
     * variance well above ε is followed, flatter areas are smoothed. 1e-4 is a standard deviation of 0.01 (2.5/255),
     * about JPEG and sensor noise after binning; a visible edge has a variance of 1e-3 or more. On synthetic scenes
     * (including per-pixel noise of 0.03) 3e-5 to 1e-4 gave the lowest SAD and gradient error and 1e-2 was worse than
     * no refinement on gradient error, because it degenerates into the double box blur.
     */
    public float epsilon = 1e-4f;

    /**
     * Only pixels whose raw (bilinearly upsampled) alpha lies strictly inside {@code (bandLow, bandHigh)} are refined;
     * every other pixel keeps the raw alpha exactly, so solid interiors and exteriors never change.
     */
    public float bandLow = 0.02f;

    /** Upper end of the refined band; see {@link #bandLow}. */
    public float bandHigh = 0.98f;

    /**
     * Width, in alpha, of the ramps at both ends of the band over which the refinement fades in: a pixel at raw
     * alpha {@code bandLow + t} (or {@code bandHigh - t}) gets {@code min(1, t / bandFeather)} of the change, so the
     * refined alpha meets the untouched raw alpha without a step. 0.06 (16 levels) measured slightly better than no
     * fade on every synthetic metric.
     */
    public float bandFeather = 0.06f;

    /**
     * Whether to decide wide unsure regions of the mask from colour (see {@link EdgeRefiner}): where the model gives a
     * patch of mid-grey alpha several grid bins across, a confidence-weighted guided filter with a wide window learns
     * from the surrounding pixels the model is sure of which colours are subject and which background. On the
     * ground-truth set of {@code bench/groundtruth.sh} it cut SAD by 34 to 39 % on three of the four cut-outs after the
     * fine guided filter (the astronaut, whose orange suit against orange wood leaves a grey patch in ISNet's mask;
     * blotches of partial alpha in the backgrounds of the coffee cup and the squirrel) and left the fourth, whose raw
     * mask has no wide unsure region, within 0.4 %.
     */
    public boolean regions = true;

    /**
     * Window radius of the region step, in mask pixels (converted like {@link #radius}: 26 is 16 grid bins at the
     * default grid and a 1024 mask). It must reach from the middle of an unsure patch to pixels the model is sure
     * of on both sides. Swept on the four cut-outs: the astronaut's wide patch wants more (SAD 10.85, 9.78, 8.29,
     * 7.78, 7.88 for 13, 19, 26, 32, 40), the others barely move (squirrel 8.32 to 8.67, slowly rising; coffee and
     * the 12 MP astronaut within 1 %).
     */
    public int regionRadius = 26;

    /**
     * Regularisation of the region step's guided filter. 3e-4 (a steeper colour model) gave 0.2 to 2.2 % lower SAD
     * (gradient error up to 6 %) than 1e-3 on the four cut-outs and 3e-3 0.3 to 2.1 % higher; their truths are
     * hard-edged, which favours steep models, so the middle value is kept for soft edges such as hair.
     */
    public float regionEpsilon = 1e-3f;

    /**
     * A grid bin whose mean alpha is within this of 0 or 1 is a trusted sample of background or subject for the
     * region step; others are unsure. 0.02 and 0.1 each lost on two of the four cut-outs.
     */
    public float regionConfident = 0.05f;

    /**
     * Share of a window's area that trusted samples must cover for the region step to act fully; below it the step
     * fades out in proportion (a model learnt from a handful of bins is not trusted).
     */
    public float regionSupport = 0.05f;

    /**
     * Whether to run the matting step ({@link AlphaMatting}): a trimap from the model's mask (sure subject, sure
     * background, an unknown band whose width follows the photo's size and the model's uncertainty), closed-form
     * matting in the band on the working grid, sure regions made exactly opaque or transparent. Off gives the earlier
     * refinement (guided filter in the band plus the region step) unchanged.
     */
    public boolean matting = true;

    /** Mask alpha at or above which a grid bin may be sure subject (before erosion by {@link #trimapErode}). */
    public float trimapHigh = 0.9f;

    /** Mask alpha at or below which a grid bin may be sure background (before erosion). */
    public float trimapLow = 0.1f;

    /**
     * Half-width of the unknown band, in mask pixels (converted to grid bins like {@link #radius}): bins within it of
     * a bin whose mask alpha is between {@link #trimapLow} and {@link #trimapHigh} are unknown, so the band follows
     * the model's uncertainty (a wide soft ramp gives a wide band).
     */
    public int trimapErode = 5;

    /** Regularisation of the matting Laplacian's local colour models (squared 0..1 colour units). */
    public float mattingEpsilon = 1e-5f;

    /**
     * Weight of the model's mask as a prior inside the unknown band, relative to the Laplacian (whose diagonal is
     * about 8 in flat areas): it decides where colour cannot (foreground and background alike), scaled by the model's
     * confidence {@code (2·mask - 1)²} plus {@link #mattingPriorFloor}.
     */
    public float mattingPrior = 0.003f;

    /** Share of {@link #mattingPrior} that every unknown bin gets whatever the model's confidence. */
    public float mattingPriorFloor = 0.1f;

    /**
     * Extra prior weight {@code mattingPriorConfident · t⁸}, {@code t = 2·mask - 1}, for bins of the band where the
     * model is all but certain (small holes it saw, such as the gaps of a wicker ball, which no sure region reaches,
     * and stray hair strands outside the body). On the alphamatting.com training photos (medians): 0 loses most
     * stray strands to the background and greys the wicker ball's gaps; 0.03 keeps them (SAD 11.4 to 11.1,
     * gradient error 7.8 either way, opaque share 0.983 to 0.980, transparent 0.981 to 0.973); 0.1 keeps more
     * (gradient error 6.9) but lets more of the model's background speckle through (transparent share 0.964).
     */
    public float mattingPriorConfident = 0.03f;

    /**
     * Regularisation of the guided filter (radius 1 grid bin) that carries the solved grid alpha to full resolution
     * as {@code q = a·I + b}.
     */
    public float mattingUpEpsilon = 1e-5f;

    /** Conjugate gradient iterations on the finest level. */
    public int mattingIterations = 10;

    /**
     * Refined alpha within this of 0 or 1 snaps to it (the last step's clean-up of the solver's tails and the
     * upsampling's overshoot). On the alphamatting.com training photos 0.08 rather than 0.05 lifts the share of truly
     * transparent pixels at most 5 from 0.979 to 0.990 (median; opaque at least 250 0.983 to 0.988, SAD and gradient
     * error within 4 %), but it cuts the faint tips of hair: on EdgeRefinerTest's synthetic strands the composite
     * error over soft pixels rises from 0.57 to 0.73 of the raw mask's (0.36 at 0.02).
     */
    public float mattingSnap = 0.05f;

    /**
     * Whether the matting step clears haze ({@link HazeRemoval}): before the solve, unknown bins of flat colour where
     * the mask is low and whose colour matches the local background and not the local subject become sure background;
     * after it, faint components that do not reach the sure subject go to 0. On the 16 alphamatting.com training
     * photos ({@code quality.HazeMap}, medians) it lifts the share of truly transparent pixels at most 5 from 0.973
     * to 0.990 and cuts SAD from 11.08 to 9.68; gradient error rises from 7.82 to 8.05 (the faint fringes of fur and
     * hair over a background of the same tone lose some of their softness), opaque at least 250 0.980 either way.
     */
    public boolean haze = true;

    /**
     * Window radius of the local colour models of {@link #haze}, in mask pixels (converted like {@link #radius}): it
     * must reach past a haze patch to sure background and sure subject. 13 instead of 26: transparent share 0.988.
     */
    public int hazeRadius = 26;

    /**
     * How many windows, each twice as wide as the last ({@link #hazeRadius}, then 2×), the background-colour rule
     * looks in for a background model where the model's unsure band is wider than the window (a fringe over
     * canyon rock or trees, a busy street behind hair). On gt-dev (16 photos, medians) 2 instead of 1 lifts the share
     * of truly transparent pixels at most 5 from 0.9907 to 0.9957 (better on 14 photos: am_GT01 0.731 → 0.787,
     * am_GT07 0.939 → 0.959, am_GT15 0.942 → 0.958) and cuts SAD from 9.86 to 9.74; gradient error 6.84 → 6.96, opaque
     * at least 250 0.980 → 0.979. 3 gave SAD 9.61 and transparent 0.9961 but the rabbit's fur fringe lost its softness
     * (am_GT15 gradient error 3.3 → 4.1, opaque 0.977); a window of twice the radius everywhere (no search) 0.9953.
     */
    public int hazeReach = 2;

    /** Only bins whose mask alpha is below this may become background by colour. */
    public float hazeMaxAlpha = 0.5f;

    /** Variance added to the colour models' covariance (squared 0..1 colour units; 1e-4 is a deviation of 2.5/255). */
    public float hazeEpsilon = 1e-4f;

    /**
     * Largest squared Mahalanobis distance to the background model of a background-coloured bin (9: three standard
     * deviations). 4 gave a transparent share of 0.988 and gradient error 7.98.
     */
    public float hazeNear = 9f;

    /** How many times further (squared) from the subject model than from the background's such a bin must be. */
    public float hazeFar = 4f;

    /** Share of a window that sure samples must cover for a colour model. */
    public float hazeSupport = 0.05f;

    /**
     * Largest colour variance (summed over R, G, B) of a bin's 3x3 neighbourhood for it to become background by
     * colour: flat patches, where the matting cannot decide, and not strands. Without this test the transparent share
     * was 0.994 but gradient error 8.34 (fringes of hair and fur cut); 3e-4 gave 0.989 and 7.96, 3e-3 0.994 and 8.15.
     */
    public float hazeFlat = 1e-3f;

    /**
     * A component of solved alpha (above {@link #mattingSnap}) that does not touch the sure subject goes to 0 if its
     * peak stays below this: faint blobs far from the subject (alone: transparent share 0.973 to 0.977, no other
     * median moves).
     */
    public float hazePeak = 0.3f;

    /**
     * Whether the matting step makes the core of a region the model leans subject on solid
     * ({@link HazeRemoval#markSubjectCores}): unknown bins of flat colour with mask alpha at least
     * {@link #solidMinAlpha}, {@link #solidDepth} or more from the model's background side, whose colour the local
     * background model does not explain, become sure subject before the solve.
     */
    public boolean solid = true;

    /** Distance (mask pixels, converted like {@link #radius}) from the model's background side to a solid core. */
    public int solidDepth = 16;

    /**
     * Radius (mask pixels, converted like {@link #radius}) of the box mean of the mask from which {@link #solid} reads
     * the model's side: the model's mottled 0.4–0.8 over a part it was unsure of is one side, not a lace of both. On
     * gt-dev (16 photos; with {@link #solidFlat} 4e-3) 13 instead of 0 takes the median share of truly opaque pixels
     * at least 250 from 0.979 to 0.983 and SAD from 9.84 to 9.71 (am_GT01's flower 37.9 → 25.3, opaque 0.50 → 0.66;
     * am_GT11 17.1 → 14.7; am_GT23's teddy 34.9 → 30.9); the largest loss am_GT15's fur, +1.1 %. 18 (11 grid bins)
     * gave 0.984 and 9.71 (am_GT01 20.9, but am_GT15 +1.6 %, am_GT10 +1.1 %).
     */
    public int solidSmooth = 13;

    /**
     * Largest 3x3 colour variance (summed over R, G, B) of a solid core's bin: a part of the subject may have a
     * texture (the knit of a sweater), while fur and hair fringes are near the background side anyway. With
     * {@link #solidSmooth}, 4e-3 instead of {@link #hazeFlat}'s 1e-3 gave SAD 9.71 either way on gt-dev, opaque
     * 0.982 → 0.983, the teddy's sweater 40.4 → 30.9; without the smoothing it cost the doll's hair am_GT03 1 %.
     */
    public float solidFlat = 4e-3f;

    /**
     * Alpha from which the solve's preview (its half-resolution level, {@link AlphaMatting#coarseSolution}, from which
     * the finest level then starts) puts a bin on the subject's side for a second look for cores before the finest
     * level (at least 1: no second look). Where the model's mask is mostly below 0.5 over a part of the subject that
     * is not flat enough or deep enough for the first look (the teddy's dark knit sweater, the flower's lower
     * petals), the solve carries the subject from the first cores along the part's colour but, over texture, not all
     * the way to 1: the part ghosts. On gt-dev (16 photos) 0.7 takes the median share of truly opaque pixels at least
     * 250 from 0.983 to 0.986 (am_GT01's flower SAD 25.3 → 18.4, am_GT11 14.7 → 13.0, am_GT23's teddy 30.9 → 27.9,
     * am_GT07 6.6 → 6.4); its cost is the wicker ball's gaps (am_GT02 SAD 2.38 → 2.51, gradient error 8.2 → 9.5: a
     * few of its grey gaps close) and am_GT21's gradient error +3 %. Tried: 0.6 (opaque 0.992, but the wicker +10 %
     * and the rabbit's fur am_GT15 +4 %); 0.9 (little: the flower 20.7); the whole solve twice instead of its coarse
     * level and a warm start (the flower 15.3, the teddy 25.8, but the matting pass's CPU time almost doubled: 12 MP,
     * JVM, 43 → 92 ms).
     */
    public float solidPreviewAlpha = 0.7f;

    /** Mask alpha from which a bin is on the model's subject side for {@link #solid}. */
    public float solidMinAlpha = 0.5f;

    /** Squared Mahalanobis distance to the background model above which a colour is not background's (9: 3 σ). */
    public float solidNear = 4f;

    /** Whether to replace the colour of semi-transparent pixels with the estimated foreground colour. */
    public boolean foreground = true;

    /** Germer et al.'s {@code regularization} (pymatting default 1e-5). */
    public float fgRegularization = 1e-5f;

    /** Germer et al.'s {@code gradient_weight} (pymatting default 1). */
    public float fgGradientWeight = 1f;

    /** Iterations per level while the level fits in {@link #fgSmallSize} squared (pymatting default 10). */
    public int fgSmallIterations = 10;

    /** Iterations per larger level (pymatting default 2). */
    public int fgBigIterations = 2;

    /** Side below which a level counts as small (pymatting default 32). */
    public int fgSmallSize = 32;

    /**
     * How far, in grid pixels, the coarse foreground solve reaches past the semi-transparent pixels: the opaque and
     * transparent pixels within it supply the colours that the solve propagates inwards.
     */
    public int fgMargin = 4;

    /** A copy with the same values. */
    public RefineOptions copy() {
        RefineOptions o = new RefineOptions();
        o.workingSize = workingSize;
        o.radius = radius;
        o.epsilon = epsilon;
        o.bandLow = bandLow;
        o.bandHigh = bandHigh;
        o.bandFeather = bandFeather;
        o.regions = regions;
        o.regionRadius = regionRadius;
        o.regionEpsilon = regionEpsilon;
        o.regionConfident = regionConfident;
        o.regionSupport = regionSupport;
        o.matting = matting;
        o.trimapHigh = trimapHigh;
        o.trimapLow = trimapLow;
        o.trimapErode = trimapErode;
        o.mattingEpsilon = mattingEpsilon;
        o.mattingPrior = mattingPrior;
        o.mattingPriorFloor = mattingPriorFloor;
        o.mattingPriorConfident = mattingPriorConfident;
        o.mattingUpEpsilon = mattingUpEpsilon;
        o.mattingIterations = mattingIterations;
        o.mattingSnap = mattingSnap;
        o.haze = haze;
        o.hazeRadius = hazeRadius;
        o.hazeReach = hazeReach;
        o.hazeMaxAlpha = hazeMaxAlpha;
        o.hazeEpsilon = hazeEpsilon;
        o.hazeNear = hazeNear;
        o.hazeFar = hazeFar;
        o.hazeSupport = hazeSupport;
        o.hazeFlat = hazeFlat;
        o.hazePeak = hazePeak;
        o.solid = solid;
        o.solidDepth = solidDepth;
        o.solidSmooth = solidSmooth;
        o.solidFlat = solidFlat;
        o.solidPreviewAlpha = solidPreviewAlpha;
        o.solidMinAlpha = solidMinAlpha;
        o.solidNear = solidNear;
        o.foreground = foreground;
        o.fgRegularization = fgRegularization;
        o.fgGradientWeight = fgGradientWeight;
        o.fgSmallIterations = fgSmallIterations;
        o.fgBigIterations = fgBigIterations;
        o.fgSmallSize = fgSmallSize;
        o.fgMargin = fgMargin;
        return o;
    }

    /** Lowest raw alpha byte inside the band: the band is {@code [bandLowByte(), bandHighByte()]}. */
    int bandLowByte() {
        return (int) Math.floor(bandLow * 255.0) + 1;
    }

    /** Highest raw alpha byte inside the band. */
    int bandHighByte() {
        return (int) Math.ceil(bandHigh * 255.0) - 1;
    }

    void validate() {
        if (workingSize < 1 || workingSize > MAX_WORKING_SIZE) {
            throw new IllegalArgumentException("workingSize must be in [1, " + MAX_WORKING_SIZE + "], got "
                    + workingSize);
        }
        if (radius < 0 || radius > 64) {
            throw new IllegalArgumentException("radius must be in [0, 64], got " + radius);
        }
        if (!(epsilon > 0f)) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        if (!(bandLow >= 0f && bandLow < bandHigh && bandHigh <= 1f)) {
            throw new IllegalArgumentException("Need 0 <= bandLow < bandHigh <= 1, got " + bandLow + ", " + bandHigh);
        }
        if (!(bandFeather >= 0f && bandFeather <= 0.5f)) {
            throw new IllegalArgumentException("bandFeather must be in [0, 0.5], got " + bandFeather);
        }
        if (regionRadius < 1 || regionRadius > 128 || !(regionEpsilon > 0f) || !(regionConfident > 0f
                && regionConfident < 0.5f) || !(regionSupport > 0f && regionSupport <= 1f)) {
            throw new IllegalArgumentException("Region options out of range: radius " + regionRadius + ", epsilon "
                    + regionEpsilon + ", confident " + regionConfident + ", support " + regionSupport);
        }
        if (!(trimapLow > 0f && trimapLow < trimapHigh && trimapHigh < 1f) || trimapErode < 0 || trimapErode > 64
                || !(mattingEpsilon > 0f) || !(mattingUpEpsilon > 0f) || !(mattingPrior >= 0f) || !(mattingPriorFloor >= 0f) || !(mattingPriorConfident >= 0f)
                || mattingIterations < 0 || mattingIterations > 1000 || !(mattingSnap >= 0f && mattingSnap < 0.5f)) {
            throw new IllegalArgumentException("Matting options out of range");
        }
        if (hazeRadius < 1 || hazeRadius > 128 || hazeReach < 1 || hazeReach > 8 || !(hazeMaxAlpha >= 0f && hazeMaxAlpha <= 1f) || !(hazeEpsilon > 0f)
                || !(hazeNear >= 0f) || !(hazeFar >= 0f) || !(hazeSupport > 0f && hazeSupport <= 1f)
                || !(hazeFlat >= 0f) || !(hazePeak >= 0f && hazePeak <= 1f)) {
            throw new IllegalArgumentException("Haze options out of range");
        }
        if (solidDepth < 1 || solidDepth > 128 || solidSmooth < 0 || solidSmooth > 128
                || !(solidMinAlpha > 0f && solidMinAlpha <= 1f) || !(solidNear >= 0f) || !(solidFlat >= 0f)
                || !(solidPreviewAlpha > 0f)) {
            throw new IllegalArgumentException("Solid-core options out of range");
        }
        if (!(fgRegularization > 0f) || !(fgGradientWeight >= 0f)) {
            throw new IllegalArgumentException("fgRegularization must be positive and fgGradientWeight non-negative");
        }
        if (fgSmallIterations < 0 || fgBigIterations < 0 || fgSmallSize < 0 || fgMargin < 1 || fgMargin > 64) {
            throw new IllegalArgumentException("Foreground iteration counts and sizes out of range");
        }
    }
}
