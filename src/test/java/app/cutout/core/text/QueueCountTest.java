package app.cutout.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueCountTest {
    @AfterEach
    void english() {
        Texts.use("en");
    }

    @Test
    void aMixedBatchIsDoneAndSaysHowManyDidNotComeOut() {
        QueueCount count = count(3, 2, 0, 0, 0);
        assertTrue(count.finished());
        assertEquals(QueueCount.Outcome.DONE, count.outcome());
        assertEquals("3 of 5 done · 2 files could not be opened", count.line());
        Texts.use("es");
        assertEquals("3 de 5 hechas · 2 archivos no se pudieron abrir", count.line());
    }

    @Test
    void namesEachKindOfFailureOnceInTheSingularOrThePlural() {
        QueueCount count = count(1, 1, 1, 1, 0);
        assertEquals("1 of 4 done · 1 file could not be opened · 1 photo failed · 1 cancelled", count.line());
        Texts.use("es");
        assertEquals("1 de 4 hechas · 1 archivo no se pudo abrir · 1 foto falló · 1 cancelada", count.line());
        Texts.use("en");
        assertEquals("2 of 11 done · 3 files could not be opened · 4 photos failed · 2 cancelled",
                count(2, 3, 4, 2, 0).line());
        assertEquals("2 of 2 done", count(2, 0, 0, 0, 0).line(), "nothing to add when all came out");
    }

    @Test
    void aBatchWithNothingDoneFailsAndOneAllCancelledIsCancelled() {
        assertEquals(QueueCount.Outcome.ERROR, count(0, 4, 1, 0, 0).outcome());
        assertEquals(QueueCount.Outcome.ERROR, count(0, 0, 1, 3, 0).outcome(), "a failure outweighs cancelling");
        assertEquals(QueueCount.Outcome.CANCELLED, count(0, 0, 0, 2, 0).outcome());
        assertEquals(QueueCount.Outcome.DONE, count(1, 0, 0, 5, 0).outcome());
    }

    @Test
    void isFinishedOnlyWhenNothingWaitsOrRuns() {
        QueueCount count = count(2, 1, 0, 0, 1);
        assertFalse(count.finished());
        assertEquals(4, count.total());
        assertEquals("2 of 4 done · 1 file could not be opened", count.line());
        assertTrue(new QueueCount().finished(), "an empty list has nothing left");
    }

    private static QueueCount count(int done, int refused, int failed, int cancelled, int pending) {
        QueueCount count = new QueueCount();
        for (int i = 0; i < done; i++) {
            count.addDone();
        }
        for (int i = 0; i < refused; i++) {
            count.addRefused();
        }
        for (int i = 0; i < failed; i++) {
            count.addFailed();
        }
        for (int i = 0; i < cancelled; i++) {
            count.addCancelled();
        }
        for (int i = 0; i < pending; i++) {
            count.addPending();
        }
        return count;
    }
}
