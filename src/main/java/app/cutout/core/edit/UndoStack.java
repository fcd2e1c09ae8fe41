package app.cutout.core.edit;

import java.util.ArrayList;

/**
 * Undo and redo of alpha-mask edits, saving only the {@value #TILE}x{@value #TILE} tiles a stroke touched.
 *
 * <p>Use: {@link #begin(byte[])}; before painting each segment, {@link #record(Rect)} its dirty rectangle (every
 * tile it overlaps is copied the first time the stroke touches it, so a growing union of rectangles is handled);
 * paint; {@link #end()}. {@code end()} keeps only the tiles that really changed; a stroke that changed nothing
 * adds no undo step.
 *
 * <p>Each step holds one copy of its tiles: {@link #undo} and {@link #redo} swap that copy with the mask, so the same
 * bytes serve both directions. That requires every change to the mask between steps to go through this stack.
 *
 * <p>Memory: the steps' bytes are kept under a budget (64 MiB by default) by dropping the oldest undo steps; the
 * newest step is always kept, even when it alone is over the budget. While a stroke is open its copies count
 * outside the budget.
 *
 * <p>Inside {@code begin()/end()} the stack is also a {@link Brush.StrokeStart}: it knows each pixel's value from
 * before the stroke.
 *
 * <p>A step may carry a tag ({@link #end(Object)}): what the step did besides changing pixels, for the caller to
 * undo and redo alongside them (the editor's Keep/Remove strokes, which later solves must or must not see again).
 */
public final class UndoStack implements Brush.StrokeStart {
    /** Tile side in pixels. */
    public static final int TILE = 64;
    /** Default memory budget: 64 MiB. */
    public static final long DEFAULT_BUDGET = 64L << 20;
    /** Bookkeeping counted per saved tile on top of its bytes. */
    private static final int TILE_OVERHEAD = 32;

    private final int width;
    private final int height;
    private final int tilesX;
    private final int tilesY;
    private final long budget;
    /** Oldest first. */
    private final ArrayList<Step> undoSteps = new ArrayList<>();
    /** Most recently undone last. */
    private final ArrayList<Step> redoSteps = new ArrayList<>();
    private long bytes;
    private final byte[] swap = new byte[TILE * TILE];

    private byte[] strokeAlpha;
    /** Per tile, its bytes from before the open stroke, or {@code null} if untouched; allocated on first use. */
    private byte[][] strokeTiles;
    private int[] touched = new int[16];
    private int touchedCount;

    /** A stack for a {@code width x height} mask with the default 64 MiB budget. */
    public UndoStack(int width, int height) {
        this(width, height, DEFAULT_BUDGET);
    }

    /**
     * @param budgetBytes the most bytes the saved steps may hold (the newest is always kept); positive
     * @throws IllegalArgumentException if a size or the budget is not positive
     */
    public UndoStack(int width, int height, long budgetBytes) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Expected a positive image size, got " + width + "x" + height);
        }
        if ((long) width * height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Expected at most " + Integer.MAX_VALUE + " pixels, got "
                    + width + "x" + height);
        }
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("Expected a positive budget, got " + budgetBytes);
        }
        this.width = width;
        this.height = height;
        this.tilesX = (width + TILE - 1) / TILE;
        this.tilesY = (height + TILE - 1) / TILE;
        this.budget = budgetBytes;
    }

    /**
     * Opens a stroke that will modify {@code alpha}; nothing is modified yet.
     *
     * @throws IllegalStateException if a stroke is already open
     * @throws IllegalArgumentException if {@code alpha} has the wrong length
     */
    public void begin(byte[] alpha) {
        if (strokeAlpha != null) {
            throw new IllegalStateException("Expected no open stroke, got one: call end() first");
        }
        Rect.checkLength("alpha bytes", alpha.length, width, height);
        if (strokeTiles == null) {
            strokeTiles = new byte[tilesX * tilesY][];
        }
        strokeAlpha = alpha;
        touchedCount = 0;
    }

    /**
     * Saves the current bytes of every tile {@code dirty} overlaps that this stroke has not touched yet; call it
     * before painting into {@code dirty}. The mask is not modified. {@code null} is ignored.
     *
     * @throws IllegalStateException if no stroke is open
     * @throws IllegalArgumentException if {@code dirty} is not inside the image
     */
    public void record(Rect dirty) {
        requireStroke();
        if (dirty == null) {
            return;
        }
        Rect.checkInside("dirty rectangle", dirty, width, height);
        int tx1 = (dirty.right() - 1) / TILE;
        int ty1 = (dirty.bottom() - 1) / TILE;
        for (int ty = dirty.y / TILE; ty <= ty1; ty++) {
            for (int tx = dirty.x / TILE; tx <= tx1; tx++) {
                int t = ty * tilesX + tx;
                if (strokeTiles[t] == null) {
                    strokeTiles[t] = copyTile(strokeAlpha, t, null);
                    if (touchedCount == touched.length) {
                        int[] grown = new int[touched.length * 2];
                        System.arraycopy(touched, 0, grown, 0, touchedCount);
                        touched = grown;
                    }
                    touched[touchedCount++] = t;
                }
            }
        }
    }

    /**
     * Closes the stroke. If it changed any pixel, it becomes the newest undo step and the redo steps are dropped.
     * The mask is not modified.
     *
     * @return the bounds of the changed pixels, or {@code null} if none changed
     * @throws IllegalStateException if no stroke is open
     */
    public Rect end() {
        return end(null);
    }

    /**
     * {@link #end()} with a tag that stays with the step, for {@link #undoTag()} and {@link #redoTag()}.
     *
     * @param tag any object, or {@code null}
     */
    public Rect end(Object tag) {
        requireStroke();
        int kept = 0;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int k = 0; k < touchedCount; k++) {
            int t = touched[k];
            byte[] saved = strokeTiles[t];
            strokeTiles[t] = null;
            int x0 = (t % tilesX) * TILE;
            int y0 = (t / tilesX) * TILE;
            int tw = Math.min(TILE, width - x0);
            int th = Math.min(TILE, height - y0);
            boolean changed = false;
            for (int row = 0; row < th; row++) {
                int s = row * tw;
                int a = (y0 + row) * width + x0;
                int first = -1;
                int lastCol = -1;
                for (int c = 0; c < tw; c++) {
                    if (saved[s + c] != strokeAlpha[a + c]) {
                        if (first < 0) {
                            first = c;
                        }
                        lastCol = c;
                    }
                }
                if (first >= 0) {
                    changed = true;
                    minX = Math.min(minX, x0 + first);
                    maxX = Math.max(maxX, x0 + lastCol);
                    minY = Math.min(minY, y0 + row);
                    maxY = Math.max(maxY, y0 + row);
                }
            }
            if (changed) {
                touched[kept] = t;
                strokeTiles[t] = saved;
                kept++;
            }
        }
        strokeAlpha = null;
        if (kept == 0) {
            touchedCount = 0;
            return null;
        }
        int[] tiles = new int[kept];
        byte[][] data = new byte[kept][];
        long stepBytes = 64;
        for (int k = 0; k < kept; k++) {
            tiles[k] = touched[k];
            data[k] = strokeTiles[touched[k]];
            strokeTiles[touched[k]] = null;
            stepBytes += data[k].length + TILE_OVERHEAD;
        }
        touchedCount = 0;
        Rect changedBounds = Rect.fromEdges(minX, minY, maxX + 1, maxY + 1);
        for (int i = 0; i < redoSteps.size(); i++) {
            bytes -= redoSteps.get(i).bytes;
        }
        redoSteps.clear();
        undoSteps.add(new Step(tiles, data, changedBounds, stepBytes, tag));
        bytes += stepBytes;
        while (bytes > budget && undoSteps.size() > 1) {
            bytes -= undoSteps.remove(0).bytes;
        }
        return changedBounds;
    }

    /**
     * Closes the stroke and puts back every pixel it changed; no undo step is added. Only {@code alpha} given to
     * {@link #begin} is modified.
     *
     * @return the bounds of the restored tiles, or {@code null} if the stroke recorded none
     * @throws IllegalStateException if no stroke is open
     */
    public Rect cancel() {
        requireStroke();
        Rect bounds = null;
        for (int k = 0; k < touchedCount; k++) {
            int t = touched[k];
            writeTile(strokeAlpha, t, strokeTiles[t]);
            strokeTiles[t] = null;
            bounds = tileRect(t).union(bounds);
        }
        touchedCount = 0;
        strokeAlpha = null;
        return bounds;
    }

    /**
     * Reverts the newest step in {@code alpha}, which is modified.
     *
     * @return the bounds of the changed pixels, or {@code null} if there was nothing to undo
     * @throws IllegalStateException if a stroke is open
     */
    public Rect undo(byte[] alpha) {
        return move(alpha, undoSteps, redoSteps);
    }

    /**
     * Re-applies the most recently undone step in {@code alpha}, which is modified.
     *
     * @return the bounds of the changed pixels, or {@code null} if there was nothing to redo
     * @throws IllegalStateException if a stroke is open
     */
    public Rect redo(byte[] alpha) {
        return move(alpha, redoSteps, undoSteps);
    }

    /** The tag of the step {@link #undo} would revert, or {@code null} (no step, or an untagged one). */
    public Object undoTag() {
        return undoSteps.isEmpty() ? null : undoSteps.get(undoSteps.size() - 1).tag;
    }

    /** The tag of the step {@link #redo} would re-apply, or {@code null} (no step, or an untagged one). */
    public Object redoTag() {
        return redoSteps.isEmpty() ? null : redoSteps.get(redoSteps.size() - 1).tag;
    }

    public boolean canUndo() {
        return !undoSteps.isEmpty();
    }

    public boolean canRedo() {
        return !redoSteps.isEmpty();
    }

    public int undoCount() {
        return undoSteps.size();
    }

    public int redoCount() {
        return redoSteps.size();
    }

    /** Whether a stroke is open. */
    public boolean inStroke() {
        return strokeAlpha != null;
    }

    /** Bytes held by the saved steps, as counted against the budget. */
    public long memoryBytes() {
        return bytes;
    }

    /** Drops every step and any open stroke; no mask is modified. */
    public void clear() {
        undoSteps.clear();
        redoSteps.clear();
        bytes = 0;
        if (strokeAlpha != null) {
            for (int k = 0; k < touchedCount; k++) {
                strokeTiles[touched[k]] = null;
            }
            touchedCount = 0;
            strokeAlpha = null;
        }
    }

    /**
     * Copies the values row {@code y} had when the open stroke began: saved tile bytes where the stroke recorded
     * the tile, the mask's current bytes elsewhere. Nothing is modified but {@code dst}.
     *
     * @throws IllegalStateException if no stroke is open
     */
    @Override
    public void strokeStartRow(int y, int x, int count, byte[] dst) {
        requireStroke();
        int rowBase = (y / TILE) * tilesX;
        int ty0 = (y / TILE) * TILE;
        int end = x + count;
        int o = 0;
        while (x < end) {
            int tx = x / TILE;
            int runEnd = Math.min(end, (tx + 1) * TILE);
            int n = runEnd - x;
            byte[] saved = strokeTiles[rowBase + tx];
            if (saved != null) {
                int tw = Math.min(TILE, width - tx * TILE);
                System.arraycopy(saved, (y - ty0) * tw + (x - tx * TILE), dst, o, n);
            } else {
                System.arraycopy(strokeAlpha, y * width + x, dst, o, n);
            }
            o += n;
            x = runEnd;
        }
    }

    private Rect move(byte[] alpha, ArrayList<Step> from, ArrayList<Step> to) {
        if (strokeAlpha != null) {
            throw new IllegalStateException("Expected no open stroke, got one: call end() first");
        }
        Rect.checkLength("alpha bytes", alpha.length, width, height);
        if (from.isEmpty()) {
            return null;
        }
        Step step = from.remove(from.size() - 1);
        for (int k = 0; k < step.tiles.length; k++) {
            // Swap through one tile of scratch: the mask's bytes become the step's bytes for the other direction.
            byte[] saved = step.data[k];
            copyTile(alpha, step.tiles[k], swap);
            writeTile(alpha, step.tiles[k], saved);
            System.arraycopy(swap, 0, saved, 0, saved.length);
        }
        to.add(step);
        return step.bounds;
    }

    private void requireStroke() {
        if (strokeAlpha == null) {
            throw new IllegalStateException("Expected an open stroke, got none: call begin() first");
        }
    }

    private Rect tileRect(int t) {
        int x0 = (t % tilesX) * TILE;
        int y0 = (t / tilesX) * TILE;
        return new Rect(x0, y0, Math.min(TILE, width - x0), Math.min(TILE, height - y0));
    }

    private byte[] copyTile(byte[] alpha, int t, byte[] dst) {
        int x0 = (t % tilesX) * TILE;
        int y0 = (t / tilesX) * TILE;
        int tw = Math.min(TILE, width - x0);
        int th = Math.min(TILE, height - y0);
        if (dst == null) {
            dst = new byte[tw * th];
        }
        for (int row = 0; row < th; row++) {
            System.arraycopy(alpha, (y0 + row) * width + x0, dst, row * tw, tw);
        }
        return dst;
    }

    private void writeTile(byte[] alpha, int t, byte[] src) {
        int x0 = (t % tilesX) * TILE;
        int y0 = (t / tilesX) * TILE;
        int tw = Math.min(TILE, width - x0);
        int th = Math.min(TILE, height - y0);
        for (int row = 0; row < th; row++) {
            System.arraycopy(src, row * tw, alpha, (y0 + row) * width + x0, tw);
        }
    }

    /** One undoable change: tile indices, each tile's bytes from the other side of the change, bounds, tag. */
    private static final class Step {
        final int[] tiles;
        final byte[][] data;
        final Rect bounds;
        final long bytes;
        final Object tag;

        Step(int[] tiles, byte[][] data, Rect bounds, long bytes, Object tag) {
            this.tiles = tiles;
            this.data = data;
            this.bounds = bounds;
            this.bytes = bytes;
            this.tag = tag;
        }
    }
}
