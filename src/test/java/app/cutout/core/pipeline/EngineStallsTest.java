package app.cutout.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EngineStallsTest {
    @Test
    void aPhotoGoesBackThreeTimesWithTwiceTheDeadlineEachTimeThenFails() {
        EngineStalls stalls = new EngineStalls();
        assertEquals(10_000, stalls.deadlineMs());
        assertTrue(stalls.stalled());
        assertEquals(20_000, stalls.deadlineMs());
        assertTrue(stalls.stalled());
        assertEquals(40_000, stalls.deadlineMs());
        assertTrue(stalls.stalled());
        assertEquals(80_000, stalls.deadlineMs());
        assertEquals(3, stalls.inARow());
        assertFalse(stalls.stalled(), "the fourth stall in a row fails the photo");
        // Try again starts a new row from the first deadline.
        assertEquals(0, stalls.inARow());
        assertEquals(10_000, stalls.deadlineMs());
        assertEquals(4, stalls.total());
    }

    @Test
    void anEngineThatStartsEndsTheRow() {
        EngineStalls stalls = new EngineStalls();
        assertTrue(stalls.stalled());
        assertTrue(stalls.stalled());
        stalls.started();
        assertEquals(10_000, stalls.deadlineMs());
        for (int i = 0; i < EngineStalls.MAX_IN_A_ROW - 1; i++) {
            assertTrue(stalls.stalled(), "stall " + (i + 1) + " of a new row");
        }
        assertFalse(stalls.stalled());
        assertEquals(2 + EngineStalls.MAX_IN_A_ROW, stalls.total());
    }
}
