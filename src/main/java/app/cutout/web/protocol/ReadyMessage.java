package app.cutout.web.protocol;

/** A worker has started and takes requests. */
public interface ReadyMessage extends Message {
}
