package app.cutout.web.protocol;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;

/**
 * What every message between the page and its workers has: its kind. Each kind is its own type with only its own
 * fields, in this package: page to inference worker {@link RunRequest} and {@link PreloadRequest}; back
 * {@link ReadyMessage}, {@link WarmedMessage}, {@link StartingMessage}, {@link StalledMessage}, {@link SessionMessage},
 * {@link ProgressMessage}, {@link PreviewMessage}, {@link ResultMessage}, {@link ErrorMessage}. Page to export worker
 * {@link ExportRequest} and {@link ZipRequest}; back {@link FileMessage} (kinds {@code exported} and {@code zipped})
 * or {@link ErrorMessage}. Page to the strokes workers {@link StrokesOpen} and {@link StrokesSolve}; back
 * {@link Addressed} (kind {@code strokes-opened}: the photo is decoded), {@link StrokesSolved} or
 * {@link ErrorMessage}.
 *
 * <p>No message carries a sentence: failures and notices are codes with their values ({@link Coded}), worded by the
 * page in the user's language.
 */
public interface Message extends JSObject {
    String RUN = "run";
    String PRELOAD = "preload";
    String READY = "ready";
    String SESSION = "session";
    String WARMED = "warmed";
    String STARTING = "starting";
    String STALLED = "stalled";
    String PROGRESS = "progress";
    String DECODED = "decoded";
    String ROUGH = "rough";
    String PREVIEW = "preview";
    String RESULT = "result";
    String ERROR = "error";
    String EXPORT = "export";
    String EXPORTED = "exported";
    String ZIP = "zip";
    String ZIPPED = "zipped";
    String STROKES_OPEN = "strokes-open";
    String STROKES_SOLVE = "strokes-solve";
    String STROKES_OPENED = "strokes-opened";
    String STROKES_SOLVED = "strokes-solved";

    @JSProperty
    String getType();

    @JSProperty
    void setType(String type);

    /** A new message of a kind; the caller casts it to that kind's type. */
    static <T extends Message> T of(String type) {
        Message message = JSObjects.create();
        message.setType(type);
        @SuppressWarnings("unchecked")
        T typed = (T) message;
        return typed;
    }
}
