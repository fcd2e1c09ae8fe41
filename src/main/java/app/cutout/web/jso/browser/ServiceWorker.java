package app.cutout.web.jso.browser;

import org.teavm.jso.JSClass;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.EventListener;

/** One service worker as the page sees it. */
@JSClass
public class ServiceWorker implements JSObject {
    protected ServiceWorker() {
    }

    /** installing, installed, activating, activated or redundant. */
    @JSProperty
    public native String getState();

    @JSProperty
    public native String getScriptURL();

    public native void postMessage(JSObject message);

    /** {@code statechange}. */
    public native void addEventListener(String type, EventListener<Event> listener);
}
