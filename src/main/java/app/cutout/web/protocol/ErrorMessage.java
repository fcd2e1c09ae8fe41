package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;

/**
 * A request failed: {@link #getCode()} names why ({@code error.CODE} in {@code Texts}, a {@code Refusal} code or a
 * {@code Problem} code) with its values. A refused file is not retried as it is; other failures may be.
 */
public interface ErrorMessage extends Addressed, Coded {
    /** The stage it failed in ({@code core.pipeline.Stage} id), {@code export} or {@code zip}. */
    @JSProperty
    String getStage();

    @JSProperty
    void setStage(String stage);

    /** True for a file Cutout does not process ({@code Refusal}). */
    @JSProperty
    boolean isRefused();

    @JSProperty
    void setRefused(boolean refused);

    /** The smaller size offered for a photo past the limits; 0 otherwise. */
    @JSProperty
    int getFitWidth();

    @JSProperty
    void setFitWidth(int width);

    @JSProperty
    int getFitHeight();

    @JSProperty
    void setFitHeight(int height);
}
