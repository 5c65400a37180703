package lab.wolpertinger.nn;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Plain-Java double-precision forward passes read from a net's named parameters: the test oracle. */
final class Reference {

    private Reference() {
    }

    static double[][] matrix(INDArray a) {
        int r = (int) a.size(0), c = (int) a.size(1);
        double[][] m = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                m[i][j] = a.getDouble(i, j);
            }
        }
        return m;
    }

    static double[] vector(INDArray a) {
        double[] v = new double[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getDouble(i);
        }
        return v;
    }

    static double[] linear(double[] x, double[][] w, double[] b) {
        double[] y = new double[w.length];
        for (int u = 0; u < w.length; u++) {
            double s = b[u];
            for (int j = 0; j < x.length; j++) {
                s += w[u][j] * x[j];
            }
            y[u] = s;
        }
        return y;
    }

    static double[] relu(double[] x) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(0, y[i]);
        }
        return y;
    }

    /** Actor output for one observation. */
    static double[] actor(Map<String, INDArray> p, double[] s) {
        double[] h1 = relu(linear(s, matrix(p.get("fc1.weight")), vector(p.get("fc1.bias"))));
        double[] h2 = relu(linear(h1, matrix(p.get("fc2.weight")), vector(p.get("fc2.bias"))));
        double[] z = linear(h2, matrix(p.get("fc3.weight")), vector(p.get("fc3.bias")));
        for (int i = 0; i < z.length; i++) {
            z[i] = z[i] / (1 + Math.abs(z[i]));
        }
        return z;
    }

    /** Critic output for one (observation, action). */
    static double critic(Map<String, INDArray> p, double[] s, double[] a) {
        double[] h1 = relu(linear(s, matrix(p.get("fc1.weight")), vector(p.get("fc1.bias"))));
        double[] cat = new double[h1.length + a.length];
        System.arraycopy(h1, 0, cat, 0, h1.length);
        System.arraycopy(a, 0, cat, h1.length, a.length);
        double[] h2 = relu(linear(cat, matrix(p.get("fc2.weight")), vector(p.get("fc2.bias"))));
        return linear(h2, matrix(p.get("fc3.weight")), vector(p.get("fc3.bias")))[0];
    }
}
