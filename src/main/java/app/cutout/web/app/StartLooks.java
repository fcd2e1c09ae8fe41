package app.cutout.web.app;

import app.cutout.core.pipeline.StartWatch;
import org.teavm.jso.browser.Performance;
import org.teavm.jso.browser.Window;

/**
 * The page's looks at workers it watches while they start ({@link StartWatch}): one a second while asked for, each
 * told whether it came so late that the page itself was paused meanwhile ({@link StartWatch#pageWasPaused}), in which
 * case silence is no evidence.
 */
final class StartLooks {
    interface Look {
        void look(double now, boolean pagePaused);
    }

    private static final int EVERY_MS = 1_000;

    private final Look look;
    /** The pending look, or 0; and when it is due. */
    private int timer;
    private double due;

    StartLooks(Look look) {
        this.look = look;
    }

    /** Looks in a second, unless a look is due already. */
    void soon() {
        if (timer == 0) {
            due = Performance.now() + EVERY_MS;
            timer = Window.setTimeout(this::fire, EVERY_MS);
        }
    }

    private void fire() {
        timer = 0;
        double now = Performance.now();
        look.look(now, StartWatch.pageWasPaused(due, now));
    }
}
