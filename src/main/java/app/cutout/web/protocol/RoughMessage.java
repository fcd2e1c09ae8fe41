package app.cutout.web.protocol;

import app.cutout.web.jso.browser.ImageBitmap;
import org.teavm.jso.JSProperty;

/**
 * The model's mask before edge refinement, as a bitmap (transferred) whose alpha is the mask, at the model's size:
 * the page can show a rough cutout with it while the refined one is made.
 */
public interface RoughMessage extends Addressed {
    @JSProperty
    ImageBitmap getMask();

    @JSProperty
    void setMask(ImageBitmap mask);
}
