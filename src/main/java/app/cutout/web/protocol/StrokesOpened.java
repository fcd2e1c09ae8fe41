package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;

/**
 * A strokes worker has decoded the photo it was given and is ready to solve; whether it also has the segmentation
 * model's own mask, which a Keep stroke on a part the model missed confirms ({@code core.refine.StrokeSolver}).
 */
public interface StrokesOpened extends Addressed {
    @JSProperty
    boolean getModelMask();

    @JSProperty
    void setModelMask(boolean present);
}
