package lab.wolpertinger.ui;

import static lab.wolpertinger.ui.FxWait.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import lab.wolpertinger.knn.EmbeddedActionSet;
import lab.wolpertinger.random.SplitMix64;
import lab.wolpertinger.train.Diagnostics;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The embedding view on its own: marks land where the projection says, the readout, the hover text. */
@ExtendWith(ApplicationExtension.class)
class EmbeddingViewTest {
    private EmbeddingView view;

    @Start
    void start(Stage stage) {
        view = new EmbeddingView();
        stage.setScene(new Scene(new StackPane(view), 1000, 420));
        stage.show();
    }

    /** n random items in [-1, 1]^d, reproducible. */
    private static EmbeddedActionSet items(int n, int d, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        float[] t = new float[n * d];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) (2 * rng.nextDouble() - 1) * (i % d == 0 ? 1f : 0.3f); // stretched along coordinate 0
        }
        return new EmbeddedActionSet(n, d, t);
    }

    private static Frame frame(EmbeddedActionSet set, int[] candidates, double[] q, int chosen, double share, int steps) {
        double[] proto = new double[set.dim()];
        double[] noisy = new double[set.dim()];
        set.embedding(candidates[0], noisy);
        proto[0] = noisy[0] - 0.2;
        return new Frame(1, "Catalog-v0", RunStatus.PAUSED, new double[set.dim()], new double[set.dim()], 0,
                new double[] {chosen}, proto, noisy, false, -1, -1, candidates, q, chosen, q[0], 1200, 3, 2,
                Double.NaN, 0, candidates.length, 0.2, candidates[0], share, steps, Diagnostics.NONE);
    }

    private static void assertAt(double[] expected, double x, double y, String what) {
        assertEquals(expected[0], x, 1e-6, what + " x");
        assertEquals(expected[1], y, 1e-6, what + " y");
    }

    @Test
    void marksLandWhereTheProjectionPutsTheirItems() throws Exception {
        EmbeddedActionSet set = items(5000, 6, 1);
        EmbeddingLayout layout = EmbeddingLayout.of(set); // off the FX thread, as the lab does
        assertTrue(layout.projection().axisLabel(0).matches("PC1 \\(\\d+\\.\\d % of variance\\)"),
                layout.projection().axisLabel(0));
        int[] candidates = {10, 20, 30, 40};
        double[] q = {0.1, 0.4, 0.3, 0.2};
        Frame f = frame(set, candidates, q, 20, 0.25, 1000);
        Object[] r = fx(() -> {
            view.setActions(set);
            view.setLayout(layout);
            view.show(f);
            Circle chosen = (Circle) view.lookup("#chosenMark");
            Rectangle nearest = (Rectangle) view.lookup("#nearestMark");
            Path proto = (Path) view.lookup("#protoMark");
            Path noisy = (Path) view.lookup("#noisyMark");
            Group marks = (Group) view.lookup("#neighbourMarks");
            double[][] dots = new double[candidates.length][];
            for (int i = 0; i < candidates.length; i++) {
                Circle c = (Circle) marks.getChildren().get(i);
                dots[i] = new double[] {c.getCenterX(), c.getCenterY(), c.isVisible() ? 1 : 0};
            }
            long visible = marks.getChildren().stream().filter(Node::isVisible).count();
            return new Object[] {
                new double[] {chosen.getCenterX(), chosen.getCenterY(), nearest.getX() + 6, nearest.getY() + 6,
                    proto.getLayoutX(), proto.getLayoutY(), noisy.getLayoutX(), noisy.getLayoutY()},
                view.itemScreen(20), view.itemScreen(10), view.embeddingScreen(f.protoAction()),
                view.embeddingScreen(f.noisyProtoAction()), dots, visible,
                new double[][] {view.itemScreen(10), view.itemScreen(20), view.itemScreen(30), view.itemScreen(40)},
                chosen.isVisible() && nearest.isVisible() && proto.isVisible() && noisy.isVisible()};
        });
        double[] m = (double[]) r[0];
        assertTrue((Boolean) r[8], "all four marks show");
        assertAt((double[]) r[1], m[0], m[1], "chosen ring on item 20");
        assertAt((double[]) r[2], m[2], m[3], "nearest square on item 10 (candidates[0])");
        assertAt((double[]) r[3], m[4], m[5], "proto-action cross");
        assertAt((double[]) r[4], m[6], m[7], "noisy cross");
        assertAt((double[]) r[2], m[6], m[7], "the noisy proto-action sits on its nearest item here");
        double[][] dots = (double[][]) r[5];
        double[][] want = (double[][]) r[7];
        for (int i = 0; i < dots.length; i++) {
            assertAt(want[i], dots[i][0], dots[i][1], "neighbour dot " + i);
            assertEquals(1, dots[i][2]);
        }
        assertEquals(4L, r[6], "one dot per candidate, the rest of the pool hidden");
        // The projection of an item's embedding equals its precomputed plane position.
        double[] e = new double[6];
        set.embedding(30, e);
        double[] viaEmbedding = fx(() -> view.embeddingScreen(e));
        // Plane positions are stored as float: equal to well under a pixel.
        assertEquals(want[2][0], viaEmbedding[0], 1e-3, "projected embedding x");
        assertEquals(want[2][1], viaEmbedding[1], 1e-3, "projected embedding y");
    }

    @Test
    void stepThroughStagesRevealTheMarksInOrderAndColourByQOnlyOnceScored() throws Exception {
        EmbeddedActionSet set = items(2000, 4, 3);
        EmbeddingLayout layout = EmbeddingLayout.of(set);
        Frame f = frame(set, new int[] {10, 20, 30}, new double[] {0.1, 0.4, 0.3}, 20, 0.5, 100);
        fx(() -> {
            view.setActions(set);
            view.setLayout(layout);
            view.show(f);
            return null;
        });
        java.util.function.Function<SelectionStage, String> marks = s -> fx(() -> {
            view.setStage(s);
            Group dots = (Group) view.lookup("#neighbourMarks");
            java.util.Set<Object> fills = new java.util.HashSet<>();
            dots.getChildren().stream().filter(Node::isVisible).forEach(c -> fills.add(((Circle) c).getFill()));
            return (view.lookup("#protoMark").isVisible() ? "P" : "") + (view.lookup("#noisyMark").isVisible() ? "N" : "")
                    + (dots.isVisible() ? "k" + fills.size() : "") + (view.lookup("#nearestMark").isVisible() ? "n" : "")
                    + (view.lookup("#chosenMark").isVisible() ? "C" : "")
                    + (view.lookup("#protoMark").getScaleX() > 1 ? "*" : "");
        });
        assertEquals("P*", marks.apply(SelectionStage.PROTO), "the proto-action alone, enlarged");
        assertEquals("PN", marks.apply(SelectionStage.NOISE));
        assertEquals("PNk1n", marks.apply(SelectionStage.NEIGHBOURS), "the k dots all alike before the critic");
        assertEquals("PNk3n", marks.apply(SelectionStage.Q_VALUES), "three Q values, three colours");
        assertEquals("PNk3nC", marks.apply(SelectionStage.ARGMAX));
        assertEquals("PNk3nC", marks.apply(null), "not stepping: everything");
    }

    @Test
    void twoDimensionsUseTheRawCoordinates() throws Exception {
        EmbeddedActionSet set = new EmbeddedActionSet(3, 2, new float[] {-0.5f, 0f, 0.5f, 0f, 0f, 0.25f});
        EmbeddingLayout layout = EmbeddingLayout.of(set);
        assertEquals("a[0]", layout.projection().axisLabel(0));
        double[][] s = fx(() -> {
            view.setActions(set);
            view.setLayout(layout);
            return new double[][] {view.itemScreen(0), view.itemScreen(1), view.itemScreen(2)};
        });
        assertTrue(s[1][0] > s[0][0], "larger a[0] is further right");
        assertEquals(s[0][1], s[1][1], 1e-9, "same a[1], same height");
        assertTrue(s[2][1] < s[0][1], "larger a[1] is higher up");
        // One scale for both axes: 1.0 along a[0] is 4 times 0.25 along a[1].
        assertEquals(s[1][0] - s[0][0], 4 * (s[0][1] - s[2][1]), 1e-6);
    }

    @Test
    void readoutSaysHowOftenTheCriticMovedAwayFromTheNearest() throws Exception {
        EmbeddedActionSet set = items(2000, 4, 2);
        EmbeddingLayout layout = EmbeddingLayout.of(set);
        String text = fx(() -> {
            view.setActions(set);
            view.setLayout(layout);
            view.show(frame(set, new int[] {1, 2, 3}, new double[] {0.3, 0.2, 0.1}, 1, 0.625, 1000));
            return ((Text) view.lookup("#chosenNotNearestText")).getText();
        });
        assertEquals("chosen ≠ nearest in 63 % of the last 1,000 steps", text);
        String early = fx(() -> {
            view.show(frame(set, new int[] {1, 2, 3}, new double[] {0.3, 0.2, 0.1}, 1, Double.NaN, 0));
            return ((Text) view.lookup("#chosenNotNearestText")).getText();
        });
        assertEquals("chosen ≠ nearest: no scored training step yet", early);
    }

    @Test
    void hoverShowsIndexEmbeddingAndQ() throws Exception {
        EmbeddedActionSet set = items(3000, 16, 3);
        EmbeddingLayout layout = EmbeddingLayout.of(set);
        Frame f = frame(set, new int[] {1234, 55, 7}, new double[] {0.5, 0.75, 0.25}, 55, 0.5, 10);
        String[] texts = fx(() -> {
            view.setActions(set);
            view.setLayout(layout);
            view.show(f);
            view.hoverItem(55);
            Text hover = (Text) view.lookup("#embeddingHover");
            String a = hover.isVisible() ? hover.getText() : "";
            view.hoverItem(2999);
            String b = hover.getText();
            view.hoverItem(-1);
            return new String[] {a, b, Boolean.toString(hover.isVisible())};
        });
        assertTrue(texts[0].startsWith("item 55  ·  chosen\n"), texts[0]);
        assertTrue(texts[0].contains(String.format(java.util.Locale.ROOT, "e = (%+.3f, ", set.coordinate(55, 0))), texts[0]);
        assertTrue(texts[0].contains("… 16 values)"), "large d shows the first coordinates: " + texts[0]);
        assertTrue(texts[0].endsWith("Q = 0.7500"), texts[0]);
        assertTrue(texts[1].startsWith("item 2,999\n") && texts[1].endsWith("Q: not among the k = 3 neighbours"), texts[1]);
        assertFalse(Boolean.parseBoolean(texts[2]), "hover cleared");
    }

    @Test
    void pickFindsTheItemUnderTheMouseNeighboursFirst() throws Exception {
        EmbeddedActionSet set = items(20_000, 8, 4);
        EmbeddingLayout layout = EmbeddingLayout.of(set);
        Frame f = frame(set, new int[] {77, 78}, new double[] {0.1, 0.2}, 78, 0.5, 10);
        int[] picked = fx(() -> {
            view.setActions(set);
            view.setLayout(layout);
            view.show(f);
            double[] s = view.itemScreen(78);
            double[] far = view.itemScreen(19_999);
            return new int[] {view.pick(s[0] + 1, s[1]), view.pick(-100, -100), view.pick(far[0], far[1])};
        });
        assertEquals(78, picked[0], "a neighbour dot wins under the mouse");
        assertEquals(-1, picked[1], "nothing outside the plot");
        assertTrue(picked[2] >= 0, "any item is found through the bucket grid");
        double[][] both = fx(() -> new double[][] {view.itemScreen(picked[2]), view.itemScreen(19_999)});
        double dist = Math.hypot(both[0][0] - both[1][0], both[0][1] - both[1][1]);
        assertTrue(dist < 1e-9 || dist <= 6, "the picked item is under the mouse: " + dist);
    }

    @Test
    void anAcerFrameSizesTheSampledItemsByPiAndDropsWolpertingersReadout() throws Exception {
        EmbeddedActionSet set = items(3000, 6, 2);
        EmbeddingLayout layout = EmbeddingLayout.of(set);
        int[] candidates = {5, 50, 500, 1500};
        double[] q = {0.1, 0.4, 0.3, 0.2};
        double[] pi = {0.0001, 0.0004, 0.01, 0.0025}; // 500 the most likely; sqrt scale: 0.1, 0.2, 1, 0.5
        Frame w = frame(set, candidates, q, 500, 0.5, 1000);
        Frame acer = new Frame(1, "Catalog-v0", RunStatus.TRAINING, new double[6], new double[6], 0, new double[] {500},
                new double[0], new double[0], false, -1, -1, candidates, q, 500, 0.3, 1200, 3, 2, Double.NaN, 0, 3000,
                0, -1, Double.NaN, 0, Diagnostics.NONE, pi, "exact", Double.NaN, 0);
        Object[] r = fx(() -> {
            view.setActions(set);
            view.setLayout(layout);
            view.show(w);
            String wolpertingerHeader = ((Text) view.lookup("#embeddingKText")).getText();
            view.show(acer);
            Group marks = (Group) view.lookup("#neighbourMarks");
            double[] radii = new double[candidates.length];
            for (int i = 0; i < radii.length; i++) {
                radii[i] = ((Circle) marks.getChildren().get(i)).getRadius();
            }
            return new Object[] {wolpertingerHeader, ((Text) view.lookup("#embeddingKText")).getText(), radii,
                view.lookup("#chosenNotNearestText").isVisible(), view.lookup("#chosenMark").isVisible(),
                view.lookup("#protoMark").isVisible()};
        });
        assertTrue(((String) r[0]).startsWith("k = 4 nearest"), (String) r[0]);
        assertEquals("π and Q over all N = 3,000 items", r[1]);
        double[] radii = (double[]) r[2];
        assertEquals(7.0, radii[2], 1e-9, "the most likely item gets the largest dot");
        assertEquals(1.5 + 5.5 * 0.1, radii[0], 1e-9);
        assertEquals(1.5 + 5.5 * 0.5, radii[3], 1e-9);
        assertFalse((Boolean) r[3], "chosen ≠ nearest is Wolpertinger's");
        assertTrue((Boolean) r[4], "the sampled item is ringed");
        assertFalse((Boolean) r[5], "ACER has no proto-action");
    }
}
