package app.cutout.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StartWatchTest {
    private static final double DEADLINE = EngineStalls.QUIET_FIRST_MS;

    @Test
    void aWorkerThatNeverBecomesReadyIsOverdueAfterTheDeadline() {
        StartWatch watch = new StartWatch(1_000);
        assertTrue(watch.watching());
        assertFalse(watch.overdue(1_000 + DEADLINE, DEADLINE), "at the deadline itself");
        assertTrue(watch.overdue(1_001 + DEADLINE, DEADLINE));
        assertEquals(DEADLINE + 1, watch.silentMs(1_001 + DEADLINE));
    }

    @Test
    void everyMessageRestartsTheClock() {
        StartWatch watch = new StartWatch(0);
        watch.heard(DEADLINE - 1);
        assertFalse(watch.overdue(DEADLINE + 10, DEADLINE));
        assertTrue(watch.overdue(2 * DEADLINE, DEADLINE));
        // A message that was late to be handled does not move the clock back.
        watch.heard(5);
        assertEquals(DEADLINE + 1, watch.silentMs(2 * DEADLINE));
    }

    @Test
    void aReadyWorkerIsNotWatchedUntilItStartsItsEngine() {
        StartWatch watch = new StartWatch(0);
        watch.ready(100);
        assertFalse(watch.watching());
        assertEquals(0, watch.silentMs(10 * DEADLINE), "an idle worker, or one busy with a photo, is left alone");
        watch.starting(true, 10 * DEADLINE);
        assertFalse(watch.overdue(11 * DEADLINE, DEADLINE));
        assertTrue(watch.overdue(11 * DEADLINE + 1, DEADLINE));
        // A download moving on repeats the start, which counts as life.
        watch.starting(true, 11 * DEADLINE);
        assertFalse(watch.overdue(11 * DEADLINE + 1, DEADLINE));
        watch.starting(false, 11 * DEADLINE + 2);
        assertFalse(watch.watching());
        assertFalse(watch.overdue(100 * DEADLINE, DEADLINE), "the engine started: its inference is not watched");
    }

    @Test
    void aHelperIsWatchedWhileItOwesAnAnswerCountedFromTheJob() {
        StartWatch watch = new StartWatch(0);
        watch.ready(100);
        // Idle for an hour: nothing owed, nothing watched.
        assertFalse(watch.overdue(3_600_000, DEADLINE));
        watch.owing(true, 3_600_000);
        assertTrue(watch.watching());
        assertFalse(watch.overdue(3_600_000 + DEADLINE, DEADLINE), "the idle hour before the job is not silence");
        watch.heard(3_600_000 + DEADLINE);
        assertFalse(watch.overdue(3_600_000 + 2 * DEADLINE, DEADLINE), "an answer (one photo of a ZIP) is life");
        assertTrue(watch.overdue(3_600_001 + 2 * DEADLINE, DEADLINE));
        watch.owing(false, 3_600_001 + 2 * DEADLINE);
        assertFalse(watch.watching());
        assertEquals(0, watch.silentMs(7_200_000));
    }

    @Test
    void aLookThatComesLateMeansThePageWasPausedAndTheClockStartsAgain() {
        assertFalse(StartWatch.pageWasPaused(1_000, 1_000 + StartWatch.LATE_LOOK_MS), "a busy page's timer");
        assertTrue(StartWatch.pageWasPaused(1_000, 1_001 + StartWatch.LATE_LOOK_MS));
        // A tab frozen for a minute while its worker started: on waking, the page starts the clock again.
        StartWatch watch = new StartWatch(0);
        double woke = 61_000;
        assertTrue(StartWatch.pageWasPaused(1_000, woke));
        watch.heard(woke);
        assertFalse(watch.overdue(woke + DEADLINE, DEADLINE));
        assertTrue(watch.overdue(woke + DEADLINE + 1, DEADLINE), "and a worker still silent is then replaced");
    }

    @Test
    void thePagesLookAfterAPauseStartsTheClockAgainInsteadOfReplacing() {
        StartWatch watch = new StartWatch(0);
        double woke = 61_000;
        assertFalse(watch.stuck(woke, true, DEADLINE), "silent for a minute, but the page was paused");
        assertFalse(watch.stuck(woke + DEADLINE, false, DEADLINE));
        assertTrue(watch.stuck(woke + DEADLINE + 1, false, DEADLINE), "still silent a deadline after waking");
        assertTrue(new StartWatch(0).stuck(woke, false, DEADLINE), "the same silence in a page that ran");
    }

    @Test
    void theDeadlineDoublesWithEachStallInARow() {
        EngineStalls stalls = new EngineStalls();
        assertEquals(30_000, stalls.quietDeadlineMs());
        stalls.stalled();
        assertEquals(60_000, stalls.quietDeadlineMs());
        stalls.stalled();
        assertEquals(120_000, stalls.quietDeadlineMs());
        stalls.started();
        assertEquals(30_000, stalls.quietDeadlineMs());
    }
}
