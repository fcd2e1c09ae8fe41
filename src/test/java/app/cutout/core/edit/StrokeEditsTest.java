package app.cutout.core.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.refine.Stroke;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrokeEditsTest {
    private static final float[] KEEP = StrokeEdits.stroke(StrokeEdits.KEEP, 4, new float[] {1, 2, 3, 4});
    private static final float[] REMOVE = StrokeEdits.stroke(StrokeEdits.REMOVE, 2.5f, new float[] {9, 8});

    @Test
    void requestsCarryEveryStrokeAndDecodeForTheSolver() {
        StrokeEdits edits = new StrokeEdits();
        assertArrayEquals(new float[] {0}, edits.request());
        assertEquals(1, edits.add(KEEP));
        assertNotNull(edits.accept(1));
        assertEquals(2, edits.add(REMOVE));
        float[] request = edits.request();
        assertArrayEquals(new float[] {2, 0, 4, 2, 1, 2, 3, 4, 1, 2.5f, 1, 9, 8}, request);
        assertEquals(List.of(new Stroke(Stroke.Kind.KEEP, 4, new float[] {1, 2, 3, 4}),
                new Stroke(Stroke.Kind.REMOVE, 2.5f, new float[] {9, 8})), StrokeEdits.decode(request));
        assertThrows(IllegalArgumentException.class, () -> StrokeEdits.decode(new float[] {1, 0, 4, 3, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> StrokeEdits.stroke(2, 4, new float[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> StrokeEdits.stroke(0, 0, new float[] {1, 2}));
    }

    @Test
    void eachAnswerAppliesTheStrokesItsRequestCovered() {
        StrokeEdits edits = new StrokeEdits();
        int first = edits.add(KEEP);
        int second = edits.add(REMOVE);
        StrokeEdits.Step a = edits.accept(first);
        assertEquals(1, a.size());
        assertTrue(edits.hasPending());
        assertNull(edits.accept(first), "an answer is used once");
        StrokeEdits.Step b = edits.accept(second);
        assertEquals(1, b.size());
        assertFalse(edits.hasPending());
        assertEquals(2, edits.appliedCount());

        edits.undone(b);
        assertEquals(1, edits.appliedCount());
        assertArrayEquals(new float[] {1, 0, 4, 2, 1, 2, 3, 4}, edits.request());
        edits.undone("a brush step");
        assertEquals(1, edits.appliedCount());
        edits.redone(b);
        assertEquals(2, edits.appliedCount());
    }

    @Test
    void anEditInBetweenMakesAnswersStaleAndAsksAgain() {
        StrokeEdits edits = new StrokeEdits();
        int first = edits.add(KEEP);
        int second = edits.add(REMOVE);
        int again = edits.edited();
        assertEquals(3, again);
        assertFalse(edits.current(first));
        assertNull(edits.accept(second), "asked before the brush edit");
        StrokeEdits.Step both = edits.accept(again);
        assertEquals(2, both.size(), "the new request covers both strokes: one step");
        assertEquals(0, edits.edited(), "nothing pending: nothing to ask again");
    }

    @Test
    void cancellingDropsThePendingStrokesAndTheirAnswers() {
        StrokeEdits edits = new StrokeEdits();
        int seq = edits.add(KEEP);
        assertTrue(edits.current(seq));
        assertTrue(edits.cancelPending());
        assertFalse(edits.cancelPending());
        assertNull(edits.accept(seq));
        assertEquals(0, edits.appliedCount());
        assertArrayEquals(new float[] {0}, edits.request());
    }
}
