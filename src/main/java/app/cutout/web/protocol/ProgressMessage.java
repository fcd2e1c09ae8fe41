package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;

/** A run reached a stage ({@code core.pipeline.Stage} id), with bytes loaded of total while the model downloads. */
public interface ProgressMessage extends Addressed {
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
}
