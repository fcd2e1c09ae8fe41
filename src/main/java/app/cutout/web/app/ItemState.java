package app.cutout.web.app;

import app.cutout.core.pipeline.Stage;

/**
 * Where one photo of the queue is: waiting, one of the pipeline's stages while it runs, then done, failed or
 * cancelled. {@link #id} is the page's {@code data-state} value and the {@code status.ID} text key.
 */
enum ItemState {
    QUEUED("queued"),
    LOADING_MODEL(Stage.LOADING_MODEL.id),
    PREPARING(Stage.PREPARING.id),
    REMOVING(Stage.REMOVING.id),
    FINISHING(Stage.FINISHING.id),
    /** The cutout is on the page (shown, editable); the worker is still writing its PNG. */
    SAVING(Stage.SAVING.id),
    DONE("done"),
    ERROR("error"),
    CANCELLED("cancelled");

    final String id;

    ItemState(String id) {
        this.id = id;
    }

    /** The state for a stage the worker reported (by its id, as it crosses the worker boundary). */
    static ItemState ofStage(String stageId) {
        Stage stage = Stage.byId(stageId);
        if (stage == null) {
            return PREPARING;
        }
        switch (stage) {
            case LOADING_MODEL:
                return LOADING_MODEL;
            case REMOVING:
                return REMOVING;
            case FINISHING:
                return FINISHING;
            case SAVING:
                return SAVING;
            default:
                return PREPARING;
        }
    }

    boolean finished() {
        return this == DONE || this == ERROR || this == CANCELLED;
    }
}
