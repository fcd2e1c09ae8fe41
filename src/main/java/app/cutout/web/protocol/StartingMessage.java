package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;

/**
 * The inference worker began ({@code on}) or ended starting its engine; {@code on} again, while it is starting, each
 * time the runtime's own download moves on. The page watches a start that goes silent (core {@code StartWatch}).
 */
public interface StartingMessage extends Message {
    @JSProperty
    boolean isOn();

    @JSProperty
    void setOn(boolean on);
}
