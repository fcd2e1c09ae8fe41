package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.MouseEvent;

/** {@code PointerEvent}: mouse, pen and touch alike. */
public interface PointerEvent extends MouseEvent {
    @JSProperty
    int getPointerId();

    @JSProperty
    String getPointerType();

    /** The element side of pointer capture, so a stroke keeps its pointer outside the element. */
    interface Capture extends JSObject {
        void setPointerCapture(int pointerId);

        void releasePointerCapture(int pointerId);
    }
}
