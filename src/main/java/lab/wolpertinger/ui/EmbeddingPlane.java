package lab.wolpertinger.ui;

/**
 * Where the embedding view's plot sits and how it maps the layout's plane (u, v) to screen pixels
 * (x, y): one scale on both axes, centred, with the view's margins; {@code clamp} keeps a mark
 * inside the plot.
 *
 * @param x0 the plot's left edge, px
 * @param y0 the plot's top edge, px
 * @param w the plot's width, px
 * @param h the plot's height, px
 * @param scale px per unit of u and v
 * @param cu the u at the plot's centre
 * @param cv the v at the plot's centre
 */
record EmbeddingPlane(double x0, double y0, double w, double h, double scale, double cu, double cv) {
    static EmbeddingPlane of(EmbeddingLayout l, double width, double height) {
        double pw = Math.max(1, Math.floor(width - EmbeddingView.LEFT - EmbeddingView.SIDE));
        double ph = Math.max(1, Math.floor(height - EmbeddingView.TOP - EmbeddingView.BOTTOM));
        double su = Math.max(1e-9, l.maxX() - l.minX()) * (1 + 2 * EmbeddingView.PAD);
        double sv = Math.max(1e-9, l.maxY() - l.minY()) * (1 + 2 * EmbeddingView.PAD);
        double scale = Math.min(pw / su, ph / sv);
        return new EmbeddingPlane(EmbeddingView.LEFT, EmbeddingView.TOP, pw, ph, scale, (l.minX() + l.maxX()) / 2, (l.minY() + l.maxY()) / 2);
    }

    double sx(double u) {
        return x0 + w / 2 + (u - cu) * scale;
    }

    double sy(double v) {
        return y0 + h / 2 - (v - cv) * scale;
    }

    double u(double sx) {
        return cu + (sx - x0 - w / 2) / scale;
    }

    double v(double sy) {
        return cv - (sy - y0 - h / 2) / scale;
    }

    double clampX(double x) {
        return Math.max(x0, Math.min(x0 + w, x));
    }

    double clampY(double y) {
        return Math.max(y0, Math.min(y0 + h, y));
    }
}
