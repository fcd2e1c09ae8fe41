package app.cutout.web.protocol;

import org.teavm.jso.JSProperty;

/**
 * The inference worker warmed its engine up before any photo ({@code core.pipeline.EngineFactory#warmUp}): how many
 * runs of the stand-in model, and the milliseconds from asking to the last run's end.
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
}
