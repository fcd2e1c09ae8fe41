package app.cutout.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChessboardTest {

    /** Against the definition, max(|dx|, |dy|) to the nearest seed, on random grids with few and many seeds. */
    @Test
    void equalsTheNearestSeedsChessboardDistance() {
        Random rnd = new Random(4);
        for (int round = 0; round < 200; round++) {
            int w = 1 + rnd.nextInt(12);
            int h = 1 + rnd.nextInt(12);
            double share = rnd.nextDouble() * 0.3;
            boolean[] seed = new boolean[w * h];
            int[] d = new int[w * h];
            for (int i = 0; i < d.length; i++) {
                seed[i] = rnd.nextDouble() < share;
                d[i] = seed[i] ? 0 : w + h;
            }
            Chessboard.distances(d, w, h);
            for (int i = 0; i < d.length; i++) {
                int best = w + h;
                for (int j = 0; j < d.length; j++) {
                    if (seed[j]) {
                        best = Math.min(best, Math.max(Math.abs(i % w - j % w), Math.abs(i / w - j / w)));
                    }
                }
                assertEquals(best, d[i], "round " + round + " pixel " + i);
            }
        }
    }
}
