package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;

/** A message about one request: a photo of the queue, or one export. */
public interface Addressed extends Message {
    @JSProperty
    int getId();

    @JSProperty
    void setId(int id);
}
