package app.cutout.web.jso.browser;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.MessageEvent;

/** Same-origin messages between the page, its worker and the service worker ({@code "cutout"} channel). */
@JSClass
public class BroadcastChannel implements JSObject {
    public BroadcastChannel(String name) {
    }

    public native void postMessage(JSObject message);

    public native void addEventListener(String type, EventListener<MessageEvent> listener);

    public native void close();
}
