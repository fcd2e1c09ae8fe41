package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * An element's {@code clientLeft} and {@code clientTop}: how far its inside (the padding box, where absolutely placed
 * children and their transforms start) lies from the corner of its border box, which {@code getBoundingClientRect()}
 * measures; the widths of its left and top borders. TeaVM's {@code HTMLElement} has {@code clientWidth} and
 * {@code clientHeight} but not these.
 */
public interface ClientEdges extends JSObject {
    @JSProperty
    int getClientLeft();

    @JSProperty
    int getClientTop();

    static ClientEdges of(HTMLElement element) {
        return (ClientEdges) (JSObject) element;
    }
}
