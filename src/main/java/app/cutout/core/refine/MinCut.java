package app.cutout.core.refine;

/**
 * A minimum s-t cut on a 4-connected grid (Boykov and Kolmogorov, "An experimental comparison of min-cut/max-flow
 * algorithms for energy minimization in vision", PAMI 2004): two search trees, one from the source and one from the
 * sink, grow until they touch, the path found is augmented, and the nodes cut off from their tree by saturated edges
 * are adopted again or freed. On grids, where paths are short and the trees are reused from one augmentation to the
 * next, it is several times faster than push-relabel.
 *
 * <p>Minimises {@code Σ_k (x_k ? sink_k : source_k) + Σ_{k~m, x_k ≠ x_m} w_km} over binary labels {@code x}
 * ({@code true}: the source's side): {@code source_k} is what labelling {@code k} with the sink costs, and the
 * reverse.
 */
final class MinCut {
    private MinCut() {
    }

    private static final byte FREE = 0;
    private static final byte S = 1;
    private static final byte T = 2;

    private static final int TERMINAL = -2;
    private static final int ORPHAN = -3;
    private static final int NONE = -1;

    /**
     * @param wx {@code w * h}: weight of the edge from node {@code k} to {@code k + 1} (the last column's unused)
     * @param wy {@code w * h}: weight of the edge from node {@code k} to {@code k + w} (the last row's unused)
     * @param source {@code w * h}, non-negative: capacity from the source, the cost of the sink's side
     * @param sink {@code w * h}, non-negative: capacity to the sink, the cost of the source's side
     * @return per node, true on the source's side of a minimum cut (ties go to the sink's side)
     */
    static boolean[] solve(float[] wx, float[] wy, float[] source, float[] sink, int w, int h) {
        return new Solver(wx, wy, source, sink, w, h).run();
    }

    /** One max-flow problem; edge {@code 4k + e} leaves node {@code k} left (0), right (1), up (2) or down (3). */
    private static final class Solver {
        private final int n;
        private final int[] offset;
        private final float[] rc;
        private final float[] tr;
        private final byte[] tree;
        private final int[] parent;
        private final int[] ts;
        private final int[] dist;
        private final int[] active;
        private final boolean[] queued;
        private int head;
        private int size;
        private final int[] orphans;
        private int orphanCount;
        private int time;

        Solver(float[] wx, float[] wy, float[] source, float[] sink, int w, int h) {
            n = w * h;
            offset = new int[] {-1, 1, -w, w};
            if (wx.length != n || wy.length != n || source.length != n || sink.length != n) {
                throw new IllegalArgumentException("Expected " + n + " values per array for " + w + "x" + h);
            }
            rc = new float[4 * n];
            tr = new float[n];
            tree = new byte[n];
            parent = new int[n];
            ts = new int[n];
            dist = new int[n];
            active = new int[n];
            queued = new boolean[n];
            orphans = new int[n];
            for (int k = 0; k < n; k++) {
                int j = k % w;
                if (j + 1 < w) {
                    rc[4 * k + 1] = wx[k];
                    rc[4 * (k + 1)] = wx[k];
                }
                if (k + w < n) {
                    rc[4 * k + 3] = wy[k];
                    rc[4 * (k + w) + 2] = wy[k];
                }
                tr[k] = source[k] - sink[k];
                parent[k] = NONE;
                if (tr[k] > 0) {
                    tree[k] = S;
                } else if (tr[k] < 0) {
                    tree[k] = T;
                }
                if (tree[k] != FREE) {
                    parent[k] = TERMINAL;
                    dist[k] = 1;
                    push(k);
                }
            }
        }

        /**
         * The node across edge {@code e}, or -1 above the first row or below the last; across the left or right
         * border it is the row's other end, whose edge has no capacity either way (so no path or parent uses it).
         */
        private int neighbour(int k, int e) {
            int m = k + offset[e];
            return m < 0 || m >= n ? -1 : m;
        }

        private static int opposite(int e) {
            return e ^ 1;
        }

        private void push(int k) {
            if (!queued[k]) {
                queued[k] = true;
                active[(head + size++) % n] = k;
            }
        }

        boolean[] run() {
            while (size > 0) {
                int k = active[head];
                head = head + 1 == n ? 0 : head + 1;
                size--;
                queued[k] = false;
                if (tree[k] == FREE) {
                    continue;
                }
                // Grow k's tree; the first edge into the other tree closes a path.
                int from = -1;
                int edge = -1;
                for (int e = 0; e < 4 && from < 0; e++) {
                    int m = neighbour(k, e);
                    if (m < 0) {
                        continue;
                    }
                    float cap = tree[k] == S ? rc[4 * k + e] : rc[4 * m + opposite(e)];
                    if (!(cap > 0)) {
                        continue;
                    }
                    if (tree[m] == FREE) {
                        tree[m] = tree[k];
                        parent[m] = opposite(e);
                        ts[m] = ts[k];
                        dist[m] = dist[k] + 1;
                        push(m);
                    } else if (tree[m] != tree[k]) {
                        from = tree[k] == S ? k : m;
                        edge = tree[k] == S ? e : opposite(e);
                    } else if (ts[m] <= ts[k] && dist[m] > dist[k] && parent[m] >= 0) {
                        // A shorter path to the terminal through k (the distance heuristic).
                        parent[m] = opposite(e);
                        ts[m] = ts[k];
                        dist[m] = dist[k] + 1;
                    }
                }
                if (from >= 0) {
                    time++;
                    augment(from, edge);
                    adopt();
                    push(k);
                }
            }
            boolean[] out = new boolean[n];
            for (int k = 0; k < n; k++) {
                out[k] = tree[k] == S;
            }
            return out;
        }

        /** Pushes the bottleneck along the path through edge {@code e} from {@code s} (source tree) into the sink's. */
        private void augment(int s, int e) {
            int t = neighbour(s, e);
            float d = rc[4 * s + e];
            for (int k = s; parent[k] != TERMINAL; k = neighbour(k, parent[k])) {
                d = Math.min(d, rc[4 * neighbour(k, parent[k]) + opposite(parent[k])]);
            }
            for (int k = t; parent[k] != TERMINAL; k = neighbour(k, parent[k])) {
                d = Math.min(d, rc[4 * k + parent[k]]);
            }
            int sr = root(s);
            int tRoot = root(t);
            d = Math.min(d, Math.min(tr[sr], -tr[tRoot]));
            rc[4 * s + e] -= d;
            rc[4 * t + opposite(e)] += d;
            for (int k = s; parent[k] != TERMINAL;) {
                int p = neighbour(k, parent[k]);
                int into = 4 * p + opposite(parent[k]);
                rc[into] -= d;
                rc[4 * k + parent[k]] += d;
                int next = p;
                if (!(rc[into] > 0)) {
                    orphan(k);
                }
                k = next;
            }
            tr[sr] -= d;
            if (!(tr[sr] > 0)) {
                orphan(sr);
            }
            for (int k = t; parent[k] != TERMINAL;) {
                int p = neighbour(k, parent[k]);
                int out = 4 * k + parent[k];
                rc[out] -= d;
                rc[4 * p + opposite(parent[k])] += d;
                if (!(rc[out] > 0)) {
                    orphan(k);
                }
                k = p;
            }
            tr[tRoot] += d;
            if (!(tr[tRoot] < 0)) {
                orphan(tRoot);
            }
        }

        private int root(int k) {
            while (parent[k] != TERMINAL) {
                k = neighbour(k, parent[k]);
            }
            return k;
        }

        private void orphan(int k) {
            parent[k] = ORPHAN;
            orphans[orphanCount++] = k;
        }

        /** Finds each orphan a new parent in its tree with a path to the terminal, or frees it. */
        private void adopt() {
            while (orphanCount > 0) {
                int k = orphans[--orphanCount];
                byte side = tree[k];
                int best = NONE;
                int bestDist = Integer.MAX_VALUE;
                for (int e = 0; e < 4; e++) {
                    int m = neighbour(k, e);
                    if (m < 0 || tree[m] != side) {
                        continue;
                    }
                    float cap = side == S ? rc[4 * m + opposite(e)] : rc[4 * k + e];
                    if (!(cap > 0)) {
                        continue;
                    }
                    int d = origin(m);
                    if (d >= 0 && d < bestDist) {
                        best = e;
                        bestDist = d;
                    }
                }
                if (best != NONE) {
                    parent[k] = best;
                    ts[k] = time;
                    dist[k] = bestDist + 1;
                    continue;
                }
                for (int e = 0; e < 4; e++) {
                    int m = neighbour(k, e);
                    if (m < 0 || tree[m] != side) {
                        continue;
                    }
                    float cap = side == S ? rc[4 * m + opposite(e)] : rc[4 * k + e];
                    if (cap > 0) {
                        push(m);
                    }
                    if (parent[m] >= 0 && neighbour(m, parent[m]) == k) {
                        orphan(m);
                    }
                }
                tree[k] = FREE;
                parent[k] = NONE;
            }
        }

        /**
         * The distance from {@code m} to its terminal, or -1 when its path passes an orphan; marks the path with this
         * augmentation's time so that later searches stop there.
         */
        private int origin(int m) {
            int d = 0;
            int k = m;
            while (true) {
                if (ts[k] == time) {
                    d += dist[k];
                    break;
                }
                int p = parent[k];
                d++;
                if (p == TERMINAL) {
                    ts[k] = time;
                    dist[k] = 1;
                    break;
                }
                if (p == ORPHAN || p == NONE) {
                    return -1;
                }
                k = neighbour(k, p);
            }
            for (int k2 = m; ts[k2] != time; k2 = neighbour(k2, parent[k2])) {
                ts[k2] = time;
                dist[k2] = d;
                d--;
            }
            return dist[m];
        }
    }
}
