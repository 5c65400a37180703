package lab.wolpertinger.ui;

import javafx.scene.canvas.GraphicsContext;

/**
 * A polyline through points of growing x, written to a canvas path with at most two points per pixel
 * column: the column's lowest and highest y, the one nearer the previous column's last point first.
 * At a line width of a pixel or two this draws what the full polyline draws, with as many path
 * commands as the plot has columns (twice that at most), however many points the series holds.
 */
final class ColumnPath {
    /** Where the path goes: a canvas's path, or a test's record. */
    interface Sink {
        void moveTo(double x, double y);

        void lineTo(double x, double y);
    }

    private final Sink g;
    private boolean open;        // a column is being collected
    private boolean pen;         // the path has a current point (lineTo joins it)
    private int column;
    private double x;
    private double yLow;
    private double yHigh;
    private double lastY;
    private int commands;

    ColumnPath(Sink sink) {
        this.g = sink;
    }

    /** A path into {@code g}'s current path (begin and stroke it around this). */
    ColumnPath(GraphicsContext g) {
        this(new Sink() {
            @Override
            public void moveTo(double x, double y) {
                g.moveTo(x, y);
            }

            @Override
            public void lineTo(double x, double y) {
                g.lineTo(x, y);
            }
        });
    }

    /** The next point (x not below the last one's). */
    void add(double px, double py) {
        int c = (int) Math.floor(px);
        if (open && c == column) {
            yLow = Math.min(yLow, py);
            yHigh = Math.max(yHigh, py);
            return;
        }
        emit();
        open = true;
        column = c;
        x = px;
        yLow = py;
        yHigh = py;
    }

    /** A gap (a non-finite value): the next point starts a new piece of line. */
    void breakLine() {
        emit();
        pen = false;
    }

    /** Writes the last column; call before stroking. */
    void finish() {
        emit();
    }

    /** Path commands written so far (tests). */
    int commands() {
        return commands;
    }

    private void emit() {
        if (!open) {
            return;
        }
        open = false;
        boolean lowFirst = pen && Math.abs(yLow - lastY) <= Math.abs(yHigh - lastY);
        double first = lowFirst || !pen ? yLow : yHigh;
        double second = first == yLow ? yHigh : yLow;
        point(first);
        if (second != first) {
            point(second);
        }
    }

    private void point(double py) {
        if (pen) {
            g.lineTo(x, py);
        } else {
            g.moveTo(x, py);
            pen = true;
        }
        lastY = py;
        commands++;
    }
}
