package app.cutout.core.pipeline;

/** The stages a run reports, in order; the ids double as the page's {@code data-state} values. */
public enum Stage {
    LOADING_MODEL("loading-model"),
    PREPARING("preparing"),
    REMOVING("removing"),
    FINISHING("finishing"),
    /** The cutout is on the page (shown, editable); the host is still writing its PNG. */
    SAVING("saving");

    public final String id;

    Stage(String id) {
        this.id = id;
    }

    /** The stage with this id, or null. */
    public static Stage byId(String id) {
        for (Stage stage : values()) {
            if (stage.id.equals(id)) {
                return stage;
            }
        }
        return null;
    }
}
