package lab.wolpertinger.ui;

import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The embedding view's picture of all N items: how many fall on each pixel of the plot, as an
 * image coloured on a log scale (one item faint, the densest pixel the palette's density colour),
 * and the items sorted into square buckets of {@code cell} pixels, so that hovering finds the
 * items under the mouse without a pass over all N. Built once per plot size (two passes over the
 * items); repainted only when the palette changes.
 */
final class DensityImage {
    private final int cell;
    private final int width;
    private final int height;
    private final int[] counts;
    private final int max;
    private final int gridW;
    private final int gridH;
    private final int[] cellStart;
    private final int[] cellItems;
    private final WritableImage image;
    private Palette painted;

    /** Bins the items at {@code xy} (u, v pairs of the layout) into {@code plane}'s pixels. */
    DensityImage(float[] xy, EmbeddingPlane plane, int cell) {
        this.cell = cell;
        width = (int) plane.w();
        height = (int) plane.h();
        counts = new int[width * height];
        gridW = (width + cell - 1) / cell;
        gridH = (height + cell - 1) / cell;
        int[] start = new int[gridW * gridH + 1];
        int n = xy.length / 2;
        int most = 0;
        for (int i = 0; i < n; i++) {
            int px = (int) Math.floor(plane.sx(xy[2 * i]) - plane.x0());
            int py = (int) Math.floor(plane.sy(xy[2 * i + 1]) - plane.y0());
            if (px < 0 || py < 0 || px >= width || py >= height) {
                continue;
            }
            most = Math.max(most, ++counts[py * width + px]);
            start[(py / cell) * gridW + px / cell + 1]++;
        }
        for (int c = 0; c < gridW * gridH; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = start.clone();
        int[] items = new int[start[gridW * gridH]];
        for (int i = 0; i < n; i++) {
            int px = (int) Math.floor(plane.sx(xy[2 * i]) - plane.x0());
            int py = (int) Math.floor(plane.sy(xy[2 * i + 1]) - plane.y0());
            if (px < 0 || py < 0 || px >= width || py >= height) {
                continue;
            }
            items[fill[(py / cell) * gridW + px / cell]++] = i;
        }
        cellStart = start;
        cellItems = items;
        max = Math.max(1, most);
        image = new WritableImage(Math.max(1, width), Math.max(1, height));
    }

    /** The most items on one pixel (at least 1): the top of the legend's scale. */
    int max() {
        return max;
    }

    /** The image in {@code p}'s colours (repainted only when the palette changed since the last call). */
    WritableImage paint(Palette p) {
        if (painted == p) {
            return image;
        }
        PixelWriter pw = image.getPixelWriter();
        Color bg = p.background();
        Color base = p.density();
        double logMax = Math.log1p(max);
        Color[] shades = new Color[256];
        for (int s = 0; s < shades.length; s++) {
            shades[s] = bg.interpolate(base, 0.12 + 0.88 * s / 255.0);
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = counts[y * width + x];
                pw.setColor(x, y, c == 0 ? bg : shades[(int) Math.round(255 * Math.log1p(c) / logMax)]);
            }
        }
        painted = p;
        return image;
    }

    /** The items in the bucket under plot pixel (px, py) and its eight neighbours (ascending bucket order). */
    int[] itemsAround(double px, double py) {
        int cx = (int) Math.floor(px / cell);
        int cy = (int) Math.floor(py / cell);
        int x0 = Math.max(0, cx - 1);
        int x1 = Math.min(gridW - 1, cx + 1);
        int y0 = Math.max(0, cy - 1);
        int y1 = Math.min(gridH - 1, cy + 1);
        int total = 0;
        for (int gy = y0; gy <= y1; gy++) {
            for (int gx = x0; gx <= x1; gx++) {
                total += cellStart[gy * gridW + gx + 1] - cellStart[gy * gridW + gx];
            }
        }
        int[] out = new int[total];
        int at = 0;
        for (int gy = y0; gy <= y1; gy++) {
            for (int gx = x0; gx <= x1; gx++) {
                int c = gy * gridW + gx;
                System.arraycopy(cellItems, cellStart[c], out, at, cellStart[c + 1] - cellStart[c]);
                at += cellStart[c + 1] - cellStart[c];
            }
        }
        return out;
    }
}
