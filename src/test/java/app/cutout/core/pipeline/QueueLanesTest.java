package app.cutout.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QueueLanesTest {
    @Test
    void aBatchOnTheCpuRunsTwoPhotosAtATimeOnHalfTheThreads() {
        assertEquals(2, QueueLanes.lanes("wasm", 2, 8, 2, 20));
        assertEquals(1, QueueLanes.threadsEach(2, 2));
        assertEquals(2, QueueLanes.lanes("wasm", 16, 8, 16, 2));
        assertEquals(8, QueueLanes.threadsEach(16, 2));
        assertEquals(1, QueueLanes.threadsEach(3, 2), "an odd count leaves a thread unused rather than oversubscribe");
    }

    @Test
    void oneWaitingPhotoKeepsEveryThread() {
        assertEquals(1, QueueLanes.lanes("wasm", 2, 8, 2, 1));
        assertEquals(1, QueueLanes.lanes("wasm", 2, 8, 2, 0));
    }

    @Test
    void theGpuAndAnUnknownBackendKeepOneSession() {
        assertEquals(1, QueueLanes.lanes("webgpu", 16, 8, 16, 20));
        assertEquals(1, QueueLanes.lanes(null, 2, 8, 2, 20));
    }

    @Test
    void oneThreadCannotBeSplit() {
        // WebKit (no SharedArrayBuffer), or the user asked for one thread.
        assertEquals(1, QueueLanes.lanes("wasm", 1, 8, 8, 20));
    }

    @Test
    void aSecondPhotoInFlightNeedsTheMemory() {
        assertEquals(1, QueueLanes.lanes("wasm", 4, 2, 8, 20), "a 2 GB phone");
        assertEquals(2, QueueLanes.lanes("wasm", 4, 4, 4, 20));
        assertEquals(1, QueueLanes.lanes("wasm", 2, 0, 2, 20), "memory unknown, 2 cores: could be a phone");
        assertEquals(2, QueueLanes.lanes("wasm", 4, 0, 4, 20), "memory unknown, 4 cores or more");
    }
}
