package app.cutout.web.protocol;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.file.Blob;

/**
 * The one message shape between the page and the worker: a {@code type} plus the fields that type uses.
 *
 * <p>Page to worker: {@code run} (id, file, name, backendChoice, modelChoice). Worker to page: {@code ready},
 * {@code backend} (backend, model, threads, adapter, text = a note for the user), {@code progress} (id, stage,
 * loaded, total), {@code result} (id, png, width, height, timings) and {@code error} (id, stage, text).
 */
public interface Message extends JSObject {
    String RUN = "run";
    String READY = "ready";
    String BACKEND = "backend";
    String PROGRESS = "progress";
    String RESULT = "result";
    String ERROR = "error";

    static Message of(String type) {
        Message message = JSObjects.create();
        message.setType(type);
        return message;
    }

    @JSProperty
    String getType();

    @JSProperty
    void setType(String type);

    @JSProperty
    int getId();

    @JSProperty
    void setId(int id);

    @JSProperty
    String getStage();

    @JSProperty
    void setStage(String stage);

    @JSProperty
    double getLoaded();

    @JSProperty
    void setLoaded(double loaded);

    @JSProperty
    double getTotal();

    @JSProperty
    void setTotal(double total);

    @JSProperty
    String getText();

    @JSProperty
    void setText(String text);

    @JSProperty
    Blob getFile();

    @JSProperty
    void setFile(Blob file);

    @JSProperty
    String getName();

    @JSProperty
    void setName(String name);

    @JSProperty
    String getBackendChoice();

    @JSProperty
    void setBackendChoice(String choice);

    @JSProperty
    String getModelChoice();

    @JSProperty
    void setModelChoice(String choice);

    @JSProperty
    String getBackend();

    @JSProperty
    void setBackend(String backend);

    @JSProperty
    String getModel();

    @JSProperty
    void setModel(String model);

    @JSProperty
    int getThreads();

    @JSProperty
    void setThreads(int threads);

    @JSProperty
    String getAdapter();

    @JSProperty
    void setAdapter(String adapter);

    @JSProperty
    Blob getPng();

    @JSProperty
    void setPng(Blob png);

    @JSProperty
    int getWidth();

    @JSProperty
    void setWidth(int width);

    @JSProperty
    int getHeight();

    @JSProperty
    void setHeight(int height);

    /** Stage timings as a flat JSON object (see {@code StageTimings}). */
    @JSProperty
    String getTimings();

    @JSProperty
    void setTimings(String timings);
}
