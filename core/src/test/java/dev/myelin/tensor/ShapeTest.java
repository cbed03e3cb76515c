package dev.myelin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void sizeStridesAndDims() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(24, s.size());
        assertEquals(3, s.rank());
        assertArrayEquals(new int[] {12, 4, 1}, s.strides());
        assertEquals(4, s.dim(-1));
        assertEquals("[2, 3, 4]", s.toString());
        assertEquals(1, Shape.scalar().size());
        assertEquals(0, Shape.of(3, 0).size());
    }

    @Test
    void broadcastAlignsFromTheRight() {
        assertEquals(Shape.of(4, 2, 3), Shape.broadcast("add", Shape.of(4, 1, 3), Shape.of(2, 1)));
        assertEquals(Shape.of(5), Shape.broadcast("add", Shape.scalar(), Shape.of(5)));
    }

    @Test
    void incompatibleBroadcastNamesOpAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Shape.broadcast("mul", Shape.of(2, 3), Shape.of(4)));
        assertTrue(e.getMessage().contains("mul") && e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"),
                e.getMessage());
    }

    @Test
    void badDimensionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
        var e = assertThrows(IllegalArgumentException.class, () -> Shape.of(2, 3).normalizeDim(2));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shape.scalar().normalizeDim(0));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(1 << 16, 1 << 16));
    }
}
