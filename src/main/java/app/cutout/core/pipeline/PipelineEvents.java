package app.cutout.core.pipeline;

import app.cutout.core.image.Refusal;

/** What a run tells its host as it goes; each call names the request's id. */
public interface PipelineEvents {
    void progress(int id, Stage stage, double done, double total);

    /** A session started (the first, or a new one after a change of plan or a fallback). */
    void session(int id, Session session);

    /** The file is not processed; the rest of the queue goes on. */
    void refused(int id, Stage stage, Refusal refusal);

    /** The run failed; the host offers to try again. */
    void failed(int id, Stage stage, Problem problem);

    /** The run stopped at the user's request. */
    void cancelled(int id);
}
