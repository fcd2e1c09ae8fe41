package app.cutout.web.jso.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.dom.events.EventListener;
import org.teavm.jso.dom.events.MessageEvent;

/** {@code self} inside a dedicated worker. */
public interface WorkerScope extends JSObject {
    void postMessage(JSObject message, JSArray<JSObject> transfer);

    void addEventListener(String type, EventListener<MessageEvent> listener);
}
