package app.cutout.core.refine;

/**
 * Tuning of {@link EdgeRefiner}, {@link GuidedFilter} and {@link ForegroundEstimator}. Plain public fields with the
 * defaults below; {@link #copy()} before changing a shared instance.
 *
 * <p>Sizes and radii are in <em>working-grid</em> pixels: the photo is binned down so that its longer side is about
 * {@link #workingSize} (the ISNet mask is 1024 squared, so one grid pixel is about one mask pixel), the guided filter's
 * coefficients and the coarse foreground are computed there, and only the final per-pixel steps run at full
 * resolution. This keeps memory and time independent of the photo's megapixels except for those linear passes.
 */
public final class RefineOptions {
    /**
     * Longer side of the working grid; photos no larger than this are refined at full resolution. 1024 matches the
     * mask's resolution: a finer grid costs quadratically more and cannot recover detail the mask does not have
     * (the full-resolution guide still supplies the fine structure through {@code q = a·I + b}).
     */
    public int workingSize = 1024;

    /**
     * Guided filter window radius in grid pixels (window {@code 2r+1} squared). The ISNet mask's edge ramp is 2 to 4
     * mask pixels wide after bilinear upsampling, so a window must span it to fit the linear model across the edge;
     * larger windows blur low-contrast edges (where the guide cannot explain the mask the result degrades to the mask
     * box-filtered twice) and cost nothing extra in time.
     */
    public int radius = 3;

    /**
     * Guided filter regularisation, in squared 0..1 colour units: structures whose colour variance within the window
     * is well above this are followed, flatter ones are smoothed. 1e-3 is about a 0.03 (8/255) standard deviation,
     * above JPEG and sensor noise but well below the contrast of a visible edge.
     */
    public float epsilon = 1e-3f;

    /**
     * Only pixels whose raw (bilinearly upsampled) alpha lies strictly inside {@code (bandLow, bandHigh)} are refined;
     * every other pixel keeps the raw alpha exactly, so solid interiors and exteriors never change.
     */
    public float bandLow = 0.02f;

    /** Upper end of the refined band; see {@link #bandLow}. */
    public float bandHigh = 0.98f;

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
        if (workingSize < 1) {
            throw new IllegalArgumentException("workingSize must be positive, got " + workingSize);
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
        if (!(fgRegularization > 0f) || !(fgGradientWeight >= 0f)) {
            throw new IllegalArgumentException("fgRegularization must be positive and fgGradientWeight non-negative");
        }
        if (fgSmallIterations < 0 || fgBigIterations < 0 || fgSmallSize < 0 || fgMargin < 1 || fgMargin > 64) {
            throw new IllegalArgumentException("Foreground iteration counts and sizes out of range");
        }
    }
}
