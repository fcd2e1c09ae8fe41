package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;

/**
 * The inference worker warmed its engine up before any photo ({@code core.pipeline.EngineFactory#warmUp}): how many
 * runs of the stand-in model, the milliseconds from asking to the last run's end, and whether the wide stand-in
 * ({@code core.onnx.WarmupModel#buildWide}) ran after them.
 */
public interface WarmedMessage extends Message {
    @JSProperty
    int getRuns();

    @JSProperty
    void setRuns(int runs);

    @JSProperty
    double getMs();

    @JSProperty
    void setMs(double ms);

    @JSProperty
    boolean isWide();

    @JSProperty
    void setWide(boolean wide);
}
