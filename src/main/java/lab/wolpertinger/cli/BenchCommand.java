package lab.wolpertinger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lab.wolpertinger.bench.Bench;
import lab.wolpertinger.bench.SpeedPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench}: prints one JSON line per measured case (see {@link Bench}). Select cases run
 * in this JVM; each train and scale case runs in a fresh child JVM so its peak RSS is its own.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure action selection, training throughput and scale; one JSON line per case on stdout.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Fewer repetitions and steps: finishes in under 2 minutes.")
    boolean quick;

    @Option(names = "--child", hidden = true, description = "Run one case in this JVM: train,ENV,KRATIO|-,TIMED[,N], "
            + "train-acer,ENV,N,UNTIMED,TIMED, roofline,ENV,SECONDS or scale,N,D,KRATIO,REPS.")
    String child;

    @Option(names = "--tiny", hidden = true, description = "Tiny sizes, for the test of the output shape.")
    boolean tiny;

    @Option(names = "--speed-vs-n", paramLabel = "PNG",
            description = "Only the speed against N: ACER (all N scored) and Wolpertinger (k = N / 1,000) training on "
                    + "Pendulum-v1 at N = 1,000 .. 200,000, one JSON line each, and their plot written to PNG (~10 minutes).")
    Path speedPlot;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (child != null) {
            out.println(runChild(child));
            out.flush();
            return 0;
        }
        if (speedPlot != null) {
            return speedAgainstN(out);
        }
        int selectReps = tiny ? 20 : quick ? 300 : 2000;
        int naiveReps = tiny ? 3 : quick ? 10 : 40;
        int[] ks = tiny ? new int[] {200, 20} : new int[] {20_000, 200, 20};
        int n = tiny ? 2001 : 200_000;
        for (int k : ks) {
            emit(out, Bench.selectOnEnv("Pendulum-v1", n, k, "fast", selectReps));
            emit(out, Bench.selectOnEnv("Pendulum-v1", n, k, "split", Math.max(3, selectReps / (k >= 20_000 ? 10 : 1))));
            emit(out, Bench.selectOnEnv("Pendulum-v1", n, k, "naive", naiveReps));
        }
        List<String> children = new ArrayList<>();
        // the dense layers' single-thread sgemm limit at Pendulum's training shapes (each train
        // case also measures its own, in its JVM, for its efficiency)
        children.add("roofline,Pendulum-v1," + (tiny ? 0.05 : quick ? 0.2 : 0.5));
        int timed = tiny ? 20 : quick ? 400 : 3000;
        if (tiny) {
            children.add("train,CartPole-v1,-," + timed);
            children.add("train-acer,Pendulum-v1,51,20," + timed);
        } else {
            for (String ratio : new String[] {"0.1", "0.001", "0.0001"}) {
                children.add("train,Pendulum-v1," + ratio + "," + timed);
            }
            children.add("train,CartPole-v1,-," + timed);
            children.add("train,Catalog-v0,-," + timed); // the catalog preset: N = 100,000, k = 1,000
            // speed against N: ACER scores all N every step, Wolpertinger k = N / 1,000 (N = 200,000 is above);
            // ACER learns at the ends of its 200-step traces, so each timed window spans whole traces
            for (int actions : new int[] {1_000, 10_000, 200_000}) {
                if (actions < 200_000) {
                    children.add("train,Pendulum-v1,0.001," + timed + "," + actions);
                }
                int acerTimed = actions >= 200_000 ? 400 : quick ? 400 : 2000;
                children.add("train-acer,Pendulum-v1," + actions + ",200," + acerTimed);
            }
        }
        // Catalog-v0 neighbour step, exact against approx in one JVM; --quick at N = 100,000 (the
        // 1M cells take 12-14 s to build, and the quick bench stays short)
        children.add("catalog-select," + (tiny ? 3000 : quick ? 100_000 : 1_000_000) + ",16," + (tiny ? 100 : 10_000)
                + "," + (tiny ? 5 : quick ? 20 : 50));
        int scaleReps = tiny ? 5 : quick ? 30 : 200;
        int[] sizes = tiny ? new int[] {10_000} : new int[] {1_000_000, 10_000_000};
        for (int size : sizes) {
            for (int d : new int[] {1, 3}) {
                children.add("scale," + size + "," + d + ",0.01," + (d == 3 ? Math.max(3, scaleReps / 5) : scaleReps));
            }
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String c : children) {
            for (String line : childJvm(c)) {
                out.println(line);
                out.flush();
                lines.add(parse(c, line));
            }
        }
        emit(out, ratios(lines));
        return 0;
    }

    /**
     * ACER and Wolpertinger training speed at each N, both agents in turn at an N (so that a load
     * change hits both), and the plot. ACER learns at the ends of its 200-step traces, so each
     * timed window spans whole traces; it is shorter at large N, where ACER runs a few steps a second.
     */
    private int speedAgainstN(PrintWriter out) {
        int[] sizes = tiny ? new int[] {51, 201} : new int[] {1_000, 3_000, 10_000, 30_000, 100_000, 200_000};
        List<SpeedPlot.Point> points = new ArrayList<>();
        for (int actions : sizes) {
            int acerTimed = tiny ? 20 : actions >= 30_000 ? 400 : 2000;
            for (String c : new String[] {"train-acer,Pendulum-v1," + actions + "," + (tiny ? 20 : 200) + "," + acerTimed,
                    "train,Pendulum-v1,0.001," + (tiny ? 20 : 3000) + "," + actions}) {
                for (String line : childJvm(c)) {
                    out.println(line);
                    out.flush();
                    JsonNode l = parse(c, line);
                    if ("train".equals(l.path("case").asText())) {
                        points.add(new SpeedPlot.Point(l.path("agent").asText("wolpertinger"), l.path("n").asInt(),
                                l.path("k").asInt(), l.path("steps_per_s").asDouble()));
                    }
                }
            }
        }
        try {
            SpeedPlot.write(points, "Training speed against N: Pendulum-v1, one core", speedPlot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + speedPlot + ": " + e.getMessage(), e);
        }
        spec.commandLine().getErr().println("wrote " + speedPlot);
        return 0;
    }

    private static JsonNode parse(String c, String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("bench case " + c + " printed a line that is not JSON: " + line, e);
        }
    }

    /**
     * The targets that are ratios of two cases of this one run (the machines are shared and
     * differ, so only ratios measured together are compared): catalog training against
     * Pendulum k = 200 training (target >= 0.4), approximate against exact catalog selection
     * (target <= 0.25). A ratio whose cases did not run is left out.
     */
    static ObjectNode ratios(List<JsonNode> lines) {
        ObjectNode json = JSON.createObjectNode();
        json.put("case", "ratios");
        Double catalog = find(lines, "train", "Catalog-v0", "steps_per_s", null);
        Double pendulum = find(lines, "train", "Pendulum-v1", "steps_per_s", 200);
        if (catalog != null && pendulum != null && pendulum > 0) {
            json.put("catalog_train_vs_pendulum_k200", Math.round(1000 * catalog / pendulum) / 1000.0);
        }
        Double exact = null;
        Double approx = null;
        for (JsonNode l : lines) {
            if ("select".equals(l.path("case").asText()) && "Catalog-v0".equals(l.path("env").asText())) {
                if ("exact".equals(l.path("search").asText())) {
                    exact = l.path("median_us").asDouble();
                } else if ("approx".equals(l.path("search").asText())) {
                    approx = l.path("median_us").asDouble();
                }
            }
        }
        if (exact != null && approx != null && exact > 0) {
            json.put("catalog_select_approx_vs_exact", Math.round(1000 * approx / exact) / 1000.0);
        }
        return json;
    }

    private static Double find(List<JsonNode> lines, String kind, String env, String field, Integer k) {
        for (JsonNode l : lines) {
            if (kind.equals(l.path("case").asText()) && env.equals(l.path("env").asText())
                    && (k == null || l.path("k").asInt() == k)) {
                return l.path(field).asDouble();
            }
        }
        return null;
    }

    private static void emit(PrintWriter out, ObjectNode json) {
        out.println(json.toString());
        out.flush();
    }

    private static String runChild(String spec) {
        String[] f = spec.split(",");
        try {
            return switch (f[0]) {
                case "train" -> Bench.train(f[1], f[2].equals("-") ? null : Double.valueOf(f[2]),
                    f.length > 4 ? Integer.parseInt(f[4]) : 0, Math.min(200, Integer.parseInt(f[3])),
                    Integer.parseInt(f[3])).toString();
                case "train-acer" -> Bench.trainAcer(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4])).toString();
                case "roofline" -> Bench.roofline(f[1], Double.parseDouble(f[2])).toString();
                case "scale" -> Bench.scale(Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Double.parseDouble(f[3]), Integer.parseInt(f[4])).toString();
                case "catalog-select" -> String.join("\n", Bench.catalogSelect(Integer.parseInt(f[1]),
                    Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4])).stream()
                    .map(Object::toString).toList());
                default -> throw new IllegalArgumentException("unknown bench case '" + spec + "'");
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed bench case '" + spec + "'");
        }
    }

    /** Runs one case in a fresh JVM with this JVM's classpath and options; returns its stdout lines. */
    private static List<String> childJvm(String spec) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                cmd.add(arg);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("lab.wolpertinger.Launcher");
        cmd.add("bench");
        cmd.add("--child");
        cmd.add(spec);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        List<String> lines = new ArrayList<>();
        try {
            Process p = pb.start();
            Thread errors = VectorModule.forwardErrors(p.getErrorStream(), System.err);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("{")) {
                        lines.add(line);
                    }
                }
            }
            int code = p.waitFor();
            errors.join(2000);
            if (code != 0) {
                throw new IllegalStateException("bench case " + spec + " exited with code " + code);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for bench case " + spec + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running bench case " + spec, e);
        }
        return lines;
    }
}
