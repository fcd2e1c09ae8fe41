package app.cutout.web.platform;

/** A failure reported by a browser API, with what Cutout was doing at the time. */
public class JsException extends RuntimeException {
    private final String jsMessage;

    public JsException(String what, String jsMessage) {
        super(what + ": " + jsMessage);
        this.jsMessage = jsMessage;
    }

    /** The browser's own text, without Cutout's context. */
    public String jsMessage() {
        return jsMessage;
    }
}
