package lab.wolpertinger.sweep.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import lab.wolpertinger.nn.Nd4jRuntime;
import lab.wolpertinger.snapshot.Snapshots;
import lab.wolpertinger.sweep.Sweep;
import lab.wolpertinger.sweep.SweepFolder;
import lab.wolpertinger.sweep.SweepTrial;
import lab.wolpertinger.sweep.TrialJob;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A sweep engine on Apache Spark ({@code sweep --spark MASTER}): each trial is one Spark job of one
 * task, so Spark's scheduler spreads the trials over its executors' cores while the sweep, on the
 * driver, keeps its bookkeeping (row files, sweep.csv and the plot after every trial, resume).
 *
 * <p>The task trains the trial wherever Spark runs it, saves the trained run to a temporary file on that
 * machine and sends the row and the snapshot's bytes back with its result; the driver writes the snapshot
 * into its own {@code --out}. So the machines share no file system, and the driver's folder ends up as an
 * in-process sweep's would, with the same numbers (a trial depends only on its {@link TrialJob}).
 *
 * <p>MASTER is any Spark master URL: {@code local[N]} (N task threads in this JVM), {@code spark://host:7077}
 * (a standalone cluster) or {@code yarn}. For a cluster the driver ships the lab's jar and its libraries to
 * the executors ({@code spark.jars}), leaving out JavaFX, which trials never load. {@code spark.*} system
 * properties (as {@code spark-submit} sets them) and the {@code settings} given win over these defaults.
 */
public final class SparkEngine implements Sweep.Engine, AutoCloseable {

    private final JavaSparkContext spark;

    private SparkEngine(JavaSparkContext spark) {
        this.spark = spark;
    }

    /**
     * Starts a Spark application on {@code master}.
     *
     * @param settings extra Spark settings (e.g. {@code spark.executor.extraClassPath}); they win over the defaults
     */
    public static SparkEngine start(String master, Map<String, String> settings) {
        // Two start-up warnings that ask nothing of a sweep's user (a loopback host name, no native Hadoop
        // codecs); slf4j-simple reads a logger's level when the logger is made, so before Spark's first class.
        quiet("org.apache.spark.util.Utils");
        quiet("org.apache.hadoop.util.NativeCodeLoader");
        SparkConf conf = new SparkConf(true).setMaster(master).setAppName("wolpertinger-lab sweep");
        boolean local = master.startsWith("local");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1"); // each trial is single-threaded (Nd4jRuntime)
        if (local) {
            // No network beyond this machine: a host name that does not resolve must not stop a local sweep.
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        settings.forEach(conf::set);
        if (!local && !conf.contains("spark.jars") && !conf.contains("spark.executor.extraClassPath")) {
            List<String> jars = labJars();
            if (!jars.isEmpty()) {
                conf.set("spark.jars", String.join(",", jars));
            }
        }
        return new SparkEngine(new JavaSparkContext(conf));
    }

    private static void quiet(String logger) {
        String key = "org.slf4j.simpleLogger.log." + logger;
        if (System.getProperty(key) == null) {
            System.setProperty(key, "error");
        }
    }

    /** Total cores of the executors Spark has now (for a local master, its thread count). */
    public int cores() {
        return spark.sc().defaultParallelism();
    }

    @Override
    public SweepTrial train(TrialJob job, Path snapshot, LongPredicate progress) throws IOException {
        spark.setJobDescription("trial " + job.fileStem());
        List<TrialOutcome> outcome = spark.parallelize(List.of(job), 1).map(SparkEngine::runTask).collect();
        TrialOutcome o = outcome.get(0);
        SweepFolder.writeAtomically(snapshot, o.snapshot());
        progress.test(o.row().steps());
        return o.row();
    }

    /** Stops the Spark application. */
    @Override
    public void close() {
        spark.stop();
    }

    /** What a task sends back: the trial's row and its snapshot file's bytes. */
    record TrialOutcome(SweepTrial row, byte[] snapshot) implements Serializable {
    }

    /** The task: runs on an executor, in a temporary folder of its own that it removes. */
    static TrialOutcome runTask(TrialJob job) throws IOException {
        Nd4jRuntime.init();
        Path dir = Files.createTempDirectory("wolpertinger-trial-");
        try {
            Path file = dir.resolve(job.fileStem() + ".wolp");
            SweepTrial row = job.runUnchecked(file, (run, f) -> Snapshots.save(run, f, false));
            return new TrialOutcome(row, Files.readAllBytes(file));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The lab's jar and the libraries beside it in {@code lib/} (as the jar's manifest lists them), without
     * JavaFX; empty when the lab runs from a class folder (a build's tests), where the caller names the
     * executors' class path itself.
     */
    static List<String> labJars() {
        List<String> jars = new ArrayList<>();
        try {
            Path self = Path.of(SparkEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(self)) {
                return jars;
            }
            jars.add(self.toAbsolutePath().toString());
            Path lib = self.resolveSibling("lib");
            if (Files.isDirectory(lib)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(lib, "*.jar")) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        if (!name.startsWith("javafx-") && !name.startsWith("controlsfx-")) {
                            jars.add(f.toAbsolutePath().toString());
                        }
                    }
                }
            }
        } catch (URISyntaxException | IOException | SecurityException e) {
            jars.clear();
        }
        jars.sort(null);
        return jars;
    }
}
