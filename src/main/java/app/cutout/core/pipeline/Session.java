package app.cutout.core.pipeline;

import app.cutout.core.model.Plan;
import java.util.List;

/** The session a run uses: its plan, the threads the runtime really got, the GPU's name, and notices for the user. */
public final class Session {
    public final Plan plan;
    public final int threads;
    public final String adapter;
    public final String runtime;
    public final List<Notice> notices;

    public Session(Plan plan, int threads, String adapter, String runtime, List<Notice> notices) {
        this.plan = plan;
        this.threads = threads;
        this.adapter = adapter;
        this.runtime = runtime;
        this.notices = notices;
    }
}
