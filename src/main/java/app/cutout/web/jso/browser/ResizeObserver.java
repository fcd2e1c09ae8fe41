package app.cutout.web.jso.browser;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;

/** {@code ResizeObserver}: a callback after layout whenever an observed element's size changed, and once at first. */
@JSClass
public class ResizeObserver implements JSObject {
    public ResizeObserver(Callback callback) {
    }

    public native void observe(HTMLElement target);

    @JSFunctor
    public interface Callback extends JSObject {
        void resized();
    }
}
