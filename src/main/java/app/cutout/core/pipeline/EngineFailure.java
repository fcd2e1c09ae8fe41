package app.cutout.core.pipeline;

/** An inference session failed to start or to run; the message is the runtime's own (technical, not translated). */
public final class EngineFailure extends RuntimeException {
    public EngineFailure(String message) {
        super(message);
    }
}
