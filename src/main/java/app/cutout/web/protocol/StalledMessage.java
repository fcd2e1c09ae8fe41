package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;

/**
 * The inference worker's engine did not start: one of ONNX Runtime's WebAssembly threads stayed silent past the
 * deadline ({@link Choices#getThreadDeadlineMs}), so the worker will wait forever; the page ends it and starts another.
 * (A worker stuck anywhere else in its start says nothing; the page notices its silence: {@link StartingMessage}.)
 */
public interface StalledMessage extends Message {
    /** How long the thread had been waited for. */
    @JSProperty
    double getWaitedMs();

    @JSProperty
    void setWaitedMs(double ms);
}
