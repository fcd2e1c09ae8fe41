package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * {@code DOMRect} of {@code getBoundingClientRect()} in fractional CSS pixels. TeaVM's {@code TextRectangle} reads
 * them as {@code int}, which cuts up to a pixel off: enough to move the point a pinch zooms around, which the fingers'
 * spread multiplies.
 */
public interface DomRect extends JSObject {
    @JSProperty
    double getLeft();

    @JSProperty
    double getTop();

    @JSProperty
    double getWidth();

    @JSProperty
    double getHeight();

    static DomRect of(HTMLElement element) {
        return (DomRect) (JSObject) element.getBoundingClientRect();
    }
}
