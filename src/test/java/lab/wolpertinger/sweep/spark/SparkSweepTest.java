package lab.wolpertinger.sweep.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.snapshot.Snapshot;
import lab.wolpertinger.snapshot.Snapshots;
import lab.wolpertinger.sweep.Sweep;
import lab.wolpertinger.sweep.SweepTrial;
import lab.wolpertinger.train.Presets;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on Spark equals the same sweep on the sweep's own threads, number for number (the timing
 * columns aside), on a {@code local[2]} master and on a real standalone cluster: a master and two
 * workers started as separate JVMs from the build's class path, each worker launching its own executor.
 */
class SparkSweepTest {

    @TempDir
    Path dir;

    /** 2 k ratios x 2 seeds of a tiny Pendulum run (N = 2001, 300 steps): about a second a trial. */
    private static Sweep.Plan plan(int parallelism) {
        WolpertingerConfig tiny = Presets.parse("{\"env\":\"Pendulum-v1\",\"maxActions\":2001,\"hidden1\":16,\"hidden2\":12,"
                + "\"batchSize\":16,\"bufferCapacity\":300,\"warmupSteps\":50,\"evalEpisodes\":1,\"steps\":300}", "tiny");
        return new Sweep.Plan(tiny, List.of(0.01, 0.001), 2, 1, parallelism);
    }

    private Sweep.Result inProcess() {
        return new Sweep(dir.resolve("threads"), "tiny", null).train(plan(2), (run, f) -> Snapshots.save(run, f, false));
    }

    @Test
    @Timeout(300)
    void localTwoThreadsGiveTheInProcessSweep() throws Exception {
        Sweep.Result threads = inProcess();
        Sweep.Result spark;
        try (SparkEngine engine = SparkEngine.start("local[2]", Map.of("spark.ui.enabled", "false"))) {
            assertEquals(2, engine.cores());
            spark = new Sweep(dir.resolve("spark"), "tiny", null).train(plan(4), engine);
        }
        assertEquals(4, spark.ran());
        assertSameSweep(dir.resolve("threads"), dir.resolve("spark"), threads);
    }

    @Test
    @Timeout(600)
    void aStandaloneMasterWithTwoWorkersGivesTheInProcessSweep() throws Exception {
        Sweep.Result threads = inProcess();
        // A worker launches executors with SPARK_HOME/jars on their class path; the build's class path
        // comes through spark.executor.extraClassPath instead, so an empty jars folder is all it needs.
        Path home = Files.createDirectories(dir.resolve("spark-home/jars")).getParent();
        String classPath = System.getProperty("java.class.path");
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        List<Process> cluster = new ArrayList<>();
        try {
            // The master logs this once it is the leader and takes workers.
            Readiness alive = new Readiness("New state: ALIVE", new CountDownLatch(1));
            cluster.add(startJvm(home, "master", alive, "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
            assertTrue(alive.latch().await(120, TimeUnit.SECONDS), "the master did not start within 120 s; its log: "
                    + log(home, "master"));
            for (int w = 1; w <= 2; w++) {
                cluster.add(startJvm(home, "worker" + w, null, "org.apache.spark.deploy.worker.Worker", master,
                        "--host", "127.0.0.1", "--cores", "1", "--memory", "1200m",
                        "--work-dir", dir.resolve("work" + w).toString(), "--webui-port", String.valueOf(freePort())));
            }
            Sweep.Result spark;
            try (SparkEngine engine = SparkEngine.start(master, Map.of(
                    "spark.executor.extraClassPath", classPath,
                    "spark.executor.memory", "1g",
                    "spark.cores.max", "2",
                    "spark.driver.host", "127.0.0.1",
                    "spark.ui.enabled", "false"))) {
                spark = new Sweep(dir.resolve("spark"), "tiny", null).train(plan(4), engine);
            }
            assertEquals(4, spark.ran());
            assertSameSweep(dir.resolve("threads"), dir.resolve("spark"), threads);
            for (int w = 1; w <= 2; w++) { // each worker ran an executor of the sweep's application
                try (Stream<Path> apps = Files.list(dir.resolve("work" + w))) {
                    assertTrue(apps.anyMatch(p -> p.getFileName().toString().startsWith("app-")),
                            "worker " + w + " launched no executor; its log: " + log(home, "worker" + w));
                }
            }
        } finally {
            for (Process p : cluster) {
                p.destroy();
            }
            for (Process p : cluster) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** The same sweep.csv but for the timing columns, and snapshots of the same networks. */
    private static void assertSameSweep(Path a, Path b, Sweep.Result reference) throws IOException {
        List<String> expected = Files.readAllLines(a.resolve(Sweep.CSV));
        List<String> actual = Files.readAllLines(b.resolve(Sweep.CSV));
        assertEquals(SweepTrial.CSV_HEADER, actual.get(0));
        assertEquals(withoutTiming(expected), withoutTiming(actual));
        assertTrue(Files.isRegularFile(b.resolve(Sweep.PNG)));
        for (SweepTrial row : reference.trials()) {
            Snapshot x = Snapshots.load(a.resolve(Sweep.TRIALS).resolve(row.fileStem() + ".wolp"));
            Snapshot y = Snapshots.load(b.resolve(Sweep.TRIALS).resolve(row.fileStem() + ".wolp"));
            assertEquals(x.weights().keySet(), y.weights().keySet());
            x.weights().forEach((name, t) -> assertArrayEquals(t.data(), y.weights().get(name).data(), row.fileStem() + " " + name));
            assertTrue(Files.isRegularFile(b.resolve(Sweep.TRIALS).resolve(row.fileStem() + ".csv")));
        }
    }

    /** The CSV lines without train_steps_per_s, select_median_us and wall_s (columns 7-9). */
    private static List<String> withoutTiming(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            out.add(Stream.concat(Arrays.stream(cells, 0, 6), Arrays.stream(cells, 9, cells.length))
                    .collect(Collectors.joining(",")));
        }
        return out;
    }

    /**
     * A JVM of the build's class path running {@code mainClass}, its output copied to {@code home/<name>.log};
     * when it prints a line containing {@code ready.line()}, {@code ready.latch()} counts down (ready may be null).
     */
    private static Process startJvm(Path home, String name, Readiness ready, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" ")));
        command.add("-Xmx512m");
        // The build's simplelogger.properties logs warnings only; the daemons' own progress lines are INFO.
        command.add("-Dorg.slf4j.simpleLogger.log.org.apache.spark.deploy=info");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        Path logFile = home.resolve(name + ".log");
        Thread copier = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 Writer out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line + "\n");
                    out.flush();
                    if (ready != null && line.contains(ready.line())) {
                        ready.latch().countDown();
                    }
                }
            } catch (IOException e) {
                // the JVM was stopped: its log ends here
            }
        }, name + "-log");
        copier.setDaemon(true);
        copier.start();
        return p;
    }

    /** A line a daemon prints once it serves, and the latch that line counts down. */
    private record Readiness(String line, CountDownLatch latch) {
    }

    private static String log(Path home, String name) {
        try {
            return Files.readString(home.resolve(name + ".log"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
