package lab.wolpertinger.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds Apache Spark for {@code sweep --spark MASTER}. The lab's jar leaves Spark's runtime (~250 MB)
 * out, so {@code target/lib} stays lean; {@value #BUILD} puts it in {@value #LIB}/ beside the jar. When a
 * sweep asks for Spark and this JVM lacks it, the launcher runs the same command once more in a child
 * JVM with {@value #LIB}/ on the class path and the {@code --add-opens} options Spark needs on Java 17,
 * taken from Spark's own list ({@code org.apache.spark.launcher.JavaModuleOptions}).
 */
public final class SparkRuntime {
    /** The folder beside the lab's jar that holds Spark's runtime. */
    public static final String LIB = "spark-lib";
    /** The build that fills it. */
    public static final String BUILD = "mvn -B -Pspark -DskipTests package";
    /** Set in the child JVM, so a child that still lacks Spark reports it instead of starting another. */
    static final String CHILD = "wolpertinger.spark.child";

    private SparkRuntime() {
    }

    /** Whether {@code command} is a sweep with {@code --spark}. */
    public static boolean wanted(String[] command) {
        return command.length > 0 && "sweep".equals(command[0])
                && Arrays.stream(command).anyMatch(a -> a.equals("--spark") || a.startsWith("--spark="));
    }

    /**
     * Whether {@code master} has the form of a Spark master URL: {@code local}, {@code local[N]},
     * {@code local[*]}, {@code local[N,F]}, {@code spark://host:port[,host:port]}, {@code yarn},
     * {@code k8s://...} or {@code mesos://...}.
     */
    public static boolean isMasterUrl(String master) {
        return master != null && master.matches("local(\\[(\\d+|\\*)(,\\d+)?])?|spark://[^\\s/:,]+(:\\d+)?(,[^\\s/:,]+(:\\d+)?)*"
                + "|yarn|k8s://\\S+|mesos://\\S+");
    }

    /** Whether Spark's classes are on this JVM's class path. */
    public static boolean onClassPath() {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SparkRuntime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The one line that says how to get Spark, for a JVM without it. */
    static String missing() {
        return "--spark needs Apache Spark's runtime, which the lab's jar leaves out: build it once with `" + BUILD
                + "` (it fills target/" + LIB + "/), then run the same command again";
    }

    /** {@value #LIB}/ beside the jar this class was loaded from, if it holds jars; empty when run from classes. */
    public static Optional<Path> libDir() {
        try {
            Path self = Path.of(SparkRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = self.resolveSibling(LIB);
            return Files.isRegularFile(self) && !jars(lib).isEmpty() ? Optional.of(lib) : Optional.empty();
        } catch (URISyntaxException | IOException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * The child JVM's command line: this JVM's options, Spark's module options, this class path plus
     * {@code lib/*}, then the launcher's main class and {@code command}.
     */
    public static List<String> childCommand(String[] command, List<String> jvmOptions, Path lib, String mainClass)
            throws IOException {
        List<String> child = new ArrayList<>();
        child.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        child.addAll(moduleOptions(lib));
        child.addAll(jvmOptions); // the user's own -Xmx and -D settings carry over
        if (!jvmOptions.contains("--add-modules=" + VectorModule.NAME)) {
            child.addAll(VectorModule.options());
        }
        child.add("-D" + CHILD + "=true");
        child.add("-cp");
        child.add(System.getProperty("java.class.path") + File.pathSeparator + lib.resolve("*"));
        child.add(mainClass);
        child.addAll(Arrays.asList(command));
        return child;
    }

    /** Whether this JVM is such a child. */
    public static boolean isChild() {
        return Boolean.getBoolean(CHILD);
    }

    /** Spark's {@code --add-opens} list for Java 17, read from its launcher jar in {@code lib}. */
    static List<String> moduleOptions(Path lib) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars(lib)) {
            if (jar.getFileName().toString().startsWith("spark-launcher")) {
                urls.add(jar.toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            String options = (String) loader.loadClass("org.apache.spark.launcher.JavaModuleOptions")
                    .getMethod("defaultModuleOptions").invoke(null);
            return Arrays.asList(options.trim().split("\\s+"));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IOException(lib + " holds no usable spark-launcher jar (" + e + "); rebuild it with `" + BUILD + "`", e);
        }
    }

    private static List<Path> jars(Path lib) throws IOException {
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(lib)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(lib, "*.jar")) {
                files.forEach(jars::add);
            }
        }
        return jars;
    }
}
