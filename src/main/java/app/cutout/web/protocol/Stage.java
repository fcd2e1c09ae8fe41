package app.cutout.web.protocol;

/** The stages a run reports, in order; the ids double as the page's {@code data-state} values. */
public final class Stage {
    public static final String LOADING_MODEL = "loading-model";
    public static final String PREPARING = "preparing";
    public static final String REMOVING = "removing";
    public static final String FINISHING = "finishing";
    /** The cutout is on the page (shown, editable); the worker is still writing its PNG. */
    public static final String SAVING = "saving";

    private Stage() {
    }
}
