package app.cutout.core.pipeline;

import app.cutout.core.edit.Confidence;
import app.cutout.core.image.Intake;
import app.cutout.core.image.RgbaImage;

/**
 * Where one finished cutout goes. The pipeline calls the methods in order: {@link #render} (timed as
 * {@link StageTimings#SHOW}), {@link #show}, {@link #save} (timed as {@link StageTimings#ENCODE}), {@link #done}.
 */
public interface CutoutOutput {
    /**
     * The model's mask ({@code width × height}, 0..1, for the whole photo), before edge refinement and before the
     * photo-sized cutout exists: a host that can show a rough cutout at once does so, and swaps in the refined one
     * when {@link #show} comes. Not called when the cutout is the raw mask itself (strength 0). The array is the
     * pipeline's: a host copies what it keeps.
     */
    default void rough(float[] mask, int width, int height) {
    }

    /**
     * Takes the finished pixels (refined colours, alpha) into what the host shows and encodes from. The pipeline may
     * reuse {@code image.pixels} for the next photo once this returns, so a host that needs them later copies them.
     */
    void render(RgbaImage image);

    /** The cutout can be shown and edited now; the file follows. */
    void show(int width, int height, StageTimings soFar);

    /** Starts writing the file (PNG); a host may let it finish after the run returns (see {@link #done}). */
    void save();

    /**
     * The run is over. A host whose {@link #save} is still writing reports the file when it is written, with
     * {@link StageTimings#ENCODE} and {@link StageTimings#TOTAL} as it measured them; the pipeline meanwhile takes
     * the next photo.
     *
     * @param input how the photo was taken in: whether it was a smaller copy ({@link Intake.Plan#downscaled}) and
     *     whether it is an animation ({@code header.animated})
     * @param confidence how likely the cutout's alpha is wrong, measured on the pixels {@link #render} took
     */
    void done(int width, int height, StageTimings timings, Intake.Plan input, Confidence.Report confidence);
}
