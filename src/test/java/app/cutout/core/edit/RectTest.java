package app.cutout.core.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RectTest {

    @Test
    void edgesUnionAndIntersection() {
        Rect a = new Rect(1, 2, 3, 4); // columns 1..3, rows 2..5
        Rect b = new Rect(3, 0, 5, 3); // columns 3..7, rows 0..2
        assertEquals(4, a.right());
        assertEquals(6, a.bottom());
        assertEquals(12, a.area());
        assertEquals(new Rect(1, 0, 7, 6), a.union(b));
        assertEquals(new Rect(3, 2, 1, 1), a.intersect(b));
        assertTrue(a.intersects(b));
        assertSame(a, a.union(null));
        assertEquals(Rect.fromEdges(1, 2, 4, 6), a);
        assertEquals(a.hashCode(), new Rect(1, 2, 3, 4).hashCode());
        assertEquals("Rect(1, 2, 3x4)", a.toString());
    }

    @Test
    void touchingRectanglesDoNotIntersect() {
        Rect a = new Rect(0, 0, 2, 2);
        Rect b = new Rect(2, 0, 2, 2);
        assertNull(a.intersect(b));
        assertFalse(a.intersects(b));
    }

    @Test
    void containment() {
        Rect a = new Rect(1, 1, 2, 2);
        assertTrue(a.contains(1, 1));
        assertTrue(a.contains(2, 2));
        assertFalse(a.contains(3, 2));
        assertFalse(a.contains(0, 1));
        assertTrue(a.contains(new Rect(2, 1, 1, 2)));
        assertFalse(a.contains(new Rect(2, 1, 2, 2)));
    }

    @Test
    void rejectsEmptyAndOverflowingRectangles() {
        assertEquals("Expected a positive size, got 0x3",
                assertThrows(IllegalArgumentException.class, () -> new Rect(0, 0, 0, 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Rect(Integer.MAX_VALUE, 0, 1, 1));
    }
}
