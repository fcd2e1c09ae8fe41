package app.cutout.core.edit;

import static app.cutout.core.edit.BrushTest.bytes;
import static app.cutout.core.edit.BrushTest.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.cutout.core.edit.Brush.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UndoStackTest {

    @Test
    void undoAndRedoOneStroke() {
        byte[] alpha = bytes(1, 2, 3, 4, 5, 6);
        UndoStack undo = new UndoStack(3, 2);
        assertFalse(undo.canUndo());
        undo.begin(alpha);
        undo.record(new Rect(1, 0, 2, 2));
        alpha[1] = 20;
        alpha[5] = 60;
        // Changed pixels (1, 0) and (2, 1): bounds columns 1..2, rows 0..1.
        assertEquals(new Rect(1, 0, 2, 2), undo.end());
        assertTrue(undo.canUndo());
        assertFalse(undo.canRedo());

        assertEquals(new Rect(1, 0, 2, 2), undo.undo(alpha));
        assertArrayEquals(bytes(1, 2, 3, 4, 5, 6), alpha);
        assertFalse(undo.canUndo());
        assertTrue(undo.canRedo());
        assertNull(undo.undo(alpha));

        assertEquals(new Rect(1, 0, 2, 2), undo.redo(alpha));
        assertArrayEquals(bytes(1, 20, 3, 4, 5, 60), alpha);
        assertNull(undo.redo(alpha));
    }

    @Test
    void tagsTravelWithTheirSteps() {
        byte[] alpha = bytes(1, 2, 3, 4);
        UndoStack undo = new UndoStack(4, 1);
        assertNull(undo.undoTag());
        undo.begin(alpha);
        undo.record(new Rect(0, 0, 1, 1));
        alpha[0] = 10;
        undo.end("keep");
        undo.begin(alpha);
        undo.record(new Rect(1, 0, 1, 1));
        alpha[1] = 20;
        undo.end();
        assertNull(undo.undoTag(), "an untagged step has no tag");

        undo.undo(alpha);
        assertEquals("keep", undo.undoTag());
        assertNull(undo.redoTag());
        undo.undo(alpha);
        assertArrayEquals(bytes(1, 2, 3, 4), alpha);
        assertNull(undo.undoTag());
        assertEquals("keep", undo.redoTag());
        undo.redo(alpha);
        assertEquals("keep", undo.undoTag());
        assertNull(undo.redoTag(), "the untagged step is next to redo");
    }

    @Test
    void strokeThatChangesNothingAddsNoStep() {
        byte[] alpha = bytes(9, 9);
        UndoStack undo = new UndoStack(2, 1);
        undo.begin(alpha);
        undo.record(new Rect(0, 0, 2, 1));
        alpha[0] = 5;
        alpha[0] = 9;
        assertNull(undo.end());
        assertFalse(undo.canUndo());
        assertEquals(0, undo.memoryBytes());
    }

    @Test
    void boundsAreTightAcrossTiles() {
        // 200x100 mask: tiles of 64. Change (63, 10) and (130, 70): bounds columns 63..130, rows 10..70.
        byte[] alpha = new byte[200 * 100];
        UndoStack undo = new UndoStack(200, 100);
        undo.begin(alpha);
        undo.record(new Rect(60, 5, 10, 10));
        alpha[10 * 200 + 63] = 1;
        undo.record(new Rect(125, 65, 10, 10)); // a second, disjoint rectangle grows the union
        alpha[70 * 200 + 130] = 1;
        assertEquals(new Rect(63, 10, 68, 61), undo.end());
        // Recorded tiles (0,0), (1,0), (1,1), (2,1); only the changed (0,0), 64x64, and (2,1), columns 128..191 by
        // rows 64..99 = 64x36, are kept: bytes = 64 + (4096 + 32) + (2304 + 32) = 6528.
        assertEquals(6528, undo.memoryBytes());
    }

    @Test
    void randomStrokesUndoAndRedoExactly() {
        Random random = new Random(11);
        int width = 150;
        int height = 130; // not multiples of the tile size
        byte[] alpha = randomBytes(random, width * height);
        byte[] model = randomBytes(random, width * height);
        UndoStack undo = new UndoStack(width, height);
        List<byte[]> states = new ArrayList<>();
        states.add(alpha.clone());
        for (int stroke = 0; stroke < 40; stroke++) {
            byte[] before = alpha.clone();
            undo.begin(alpha);
            Mode mode = Mode.values()[random.nextInt(3)];
            double x = random.nextDouble() * 180 - 15;
            double y = random.nextDouble() * 160 - 15;
            int segments = 1 + random.nextInt(6);
            boolean strokeMax = random.nextBoolean();
            for (int s = 0; s < segments; s++) {
                double nx = x + random.nextDouble() * 80 - 40;
                double ny = y + random.nextDouble() * 80 - 40;
                double radius = 1 + random.nextDouble() * 25;
                Rect dirty = Brush.segmentBounds(width, height, x, y, nx, ny, radius);
                undo.record(dirty);
                Rect painted = Brush.paintSegment(alpha, model, width, height, x, y, nx, ny, radius,
                        random.nextDouble(), mode, random.nextFloat(), strokeMax ? undo : null);
                assertEquals(dirty, painted);
                x = nx;
                y = ny;
            }
            Rect changed = undo.end();
            assertEquals(diffBounds(before, alpha, width), changed, "stroke " + stroke);
            if (changed != null) {
                states.add(alpha.clone());
            }
        }
        assertEquals(states.size() - 1, undo.undoCount());
        for (int i = states.size() - 2; i >= 0; i--) {
            assertEquals(diffBounds(states.get(i), states.get(i + 1), width), undo.undo(alpha));
            assertArrayEquals(states.get(i), alpha, "after undoing to state " + i);
        }
        assertFalse(undo.canUndo());
        for (int i = 1; i < states.size(); i++) {
            undo.redo(alpha);
            assertArrayEquals(states.get(i), alpha, "after redoing to state " + i);
        }
        assertFalse(undo.canRedo());
    }

    @Test
    void newStrokeDropsRedo() {
        byte[] alpha = new byte[4];
        UndoStack undo = new UndoStack(2, 2);
        stroke(undo, alpha, 0, 10);
        stroke(undo, alpha, 1, 20);
        undo.undo(alpha);
        assertTrue(undo.canRedo());
        stroke(undo, alpha, 2, 30);
        assertFalse(undo.canRedo());
        assertEquals(2, undo.undoCount());
        undo.undo(alpha);
        undo.undo(alpha);
        assertArrayEquals(new byte[4], alpha);
    }

    @Test
    void budgetDropsOldestStepsButKeepsTheNewest() {
        // Each one-tile step of a 2x2 mask counts 64 + (4 + 32) = 100 bytes; a 250-byte budget keeps two.
        byte[] alpha = new byte[4];
        UndoStack undo = new UndoStack(2, 2, 250);
        stroke(undo, alpha, 0, 1);
        stroke(undo, alpha, 1, 2);
        stroke(undo, alpha, 2, 3);
        assertEquals(2, undo.undoCount());
        assertEquals(200, undo.memoryBytes());
        undo.undo(alpha);
        undo.undo(alpha);
        assertArrayEquals(bytes(1, 0, 0, 0), alpha);
        assertFalse(undo.canUndo());

        UndoStack tiny = new UndoStack(2, 2, 1);
        stroke(tiny, alpha, 3, 9);
        stroke(tiny, alpha, 3, 10);
        assertEquals(1, tiny.undoCount());
        tiny.undo(alpha);
        assertEquals(9, alpha[3]);
    }

    @Test
    void cancelRestoresTheStroke() {
        byte[] alpha = bytes(1, 2, 3);
        UndoStack undo = new UndoStack(3, 1);
        undo.begin(alpha);
        undo.record(new Rect(0, 0, 2, 1));
        alpha[0] = 7;
        alpha[1] = 8;
        assertEquals(new Rect(0, 0, 3, 1), undo.cancel());
        assertArrayEquals(bytes(1, 2, 3), alpha);
        assertFalse(undo.canUndo());
        assertFalse(undo.inStroke());
    }

    @Test
    void strokeStartRowReadsSavedTilesAndLiveBytes() {
        // 130x2 mask: tiles x 0..63, 64..127, 128..129. Record only the middle tile, then change pixels in all.
        byte[] alpha = new byte[130 * 2];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = (byte) i;
        }
        UndoStack undo = new UndoStack(130, 2);
        undo.begin(alpha);
        undo.record(new Rect(64, 0, 1, 1));
        alpha[130 + 63] = 0; // untracked tile: the live value is reported
        alpha[130 + 64] = 0; // tracked: the saved value (130 + 64 = 194) is reported
        byte[] row = new byte[4];
        undo.strokeStartRow(1, 62, 4, row);
        // Columns 62, 63, 64, 65 of row 1: live 192, live 0, saved 194, saved 195.
        assertArrayEquals(bytes(192, 0, 194, 195), row);
        undo.end();
    }

    @Test
    void rejectsMisuse() {
        UndoStack undo = new UndoStack(2, 2);
        assertEquals("Expected an open stroke, got none: call begin() first",
                assertThrows(IllegalStateException.class, () -> undo.record(new Rect(0, 0, 1, 1))).getMessage());
        assertThrows(IllegalStateException.class, undo::end);
        assertEquals("Expected 4 alpha bytes for 2x2, got 5",
                assertThrows(IllegalArgumentException.class, () -> undo.begin(new byte[5])).getMessage());
        undo.begin(new byte[4]);
        assertEquals("Expected no open stroke, got one: call end() first",
                assertThrows(IllegalStateException.class, () -> undo.begin(new byte[4])).getMessage());
        assertThrows(IllegalStateException.class, () -> undo.undo(new byte[4]));
        assertEquals("Expected dirty rectangle inside the 2x2 image, got Rect(1, 1, 2x1)",
                assertThrows(IllegalArgumentException.class, () -> undo.record(new Rect(1, 1, 2, 1))).getMessage());
        assertEquals("Expected a positive budget, got 0",
                assertThrows(IllegalArgumentException.class, () -> new UndoStack(1, 1, 0)).getMessage());
    }

    private static void stroke(UndoStack undo, byte[] alpha, int index, int value) {
        undo.begin(alpha);
        undo.record(new Rect(0, 0, 2, 2));
        alpha[index] = (byte) value;
        undo.end();
    }

    private static Rect diffBounds(byte[] a, byte[] b, int width) {
        Rect bounds = null;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                bounds = new Rect(i % width, i / width, 1, 1).union(bounds);
            }
        }
        return bounds;
    }
}
