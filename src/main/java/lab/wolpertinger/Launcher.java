package lab.wolpertinger;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.cli.Cli;
import lab.wolpertinger.cli.DisplayCheck;
import lab.wolpertinger.cli.MemoryPlan;
import lab.wolpertinger.cli.SparkRuntime;
import lab.wolpertinger.cli.VectorModule;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.ui.LabApp;

/**
 * The jar's main class. It is deliberately not a JavaFX {@code Application}: on the plain
 * classpath an Application main class fails with "JavaFX runtime components are missing".
 *
 * <p>Memory: a jar's manifest cannot set {@code -Xmx}, so when the JVM was started without
 * memory limits the launcher starts the same command once more in a child JVM with the limits
 * of a {@link MemoryPlan} (from the machine's memory and the preset), passing standard input and
 * output through and returning the child's exit code. Given {@code -Xmx}, JavaCPP's
 * {@code maxbytes} / {@code maxphysicalbytes} or {@code -Dwolpertinger.memory=off}, it runs in
 * this JVM as it is. For the lab the display check comes first, so a missing GTK 3 or display
 * still gives its one line without a second JVM.
 *
 * <p>Spark: {@code sweep --spark} in a JVM without Spark's classes runs once more in a child JVM with
 * {@code spark-lib/} beside the jar on its class path (see {@link SparkRuntime}).
 */
public final class Launcher {
    private Launcher() {
    }

    /**
     * With no arguments, or {@code lab [--preset NAME|FILE] [--autostart]}, opens the lab window;
     * anything else runs the CLI ({@code train}, {@code replay}, {@code --help}).
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        String[] command = args.length == 0 ? new String[] {"lab"} : args;
        boolean lab = "lab".equals(command[0]) && !List.of(command).contains("--help");
        if (lab) {
            Optional<String> problem = DisplayCheck.ofSystem().problem();
            if (problem.isPresent()) {
                err.println("error: " + problem.get());
                System.exit(Cli.BAD_INPUT);
            }
        }
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (SparkRuntime.wanted(command) && !SparkRuntime.onClassPath() && !SparkRuntime.isChild()) {
            Optional<Path> sparkLib = SparkRuntime.libDir();
            if (sparkLib.isPresent()) { // else the sweep command says how to get it
                System.exit(relaunchWithSpark(command, jvm, sparkLib.get(), err));
            }
        }
        if (lab && !MemoryPlan.limitsGiven(jvm)) {
            System.exit(relaunch(command, jvm, err));
        }
        if (VectorModule.relaunchWanted(command)) {
            System.exit(relaunchWithVectors(command, jvm, err));
        }
        int code = Cli.run(command, out, err, o -> LabApp.open(o));
        System.exit(code);
    }

    /** Runs {@code command} in a child JVM with the memory plan's limits; its exit code. */
    private static int relaunch(String[] command, List<String> jvm, PrintWriter err) {
        MemoryPlan plan = MemoryPlan.of(presetOf(command), physicalBytes());
        List<String> child = new ArrayList<>();
        child.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        child.addAll(moduleOptions(jvm));
        for (String a : jvm) {
            if (!a.startsWith("-Djdk.module.") && !a.startsWith("--module-path") && !a.startsWith("--add-modules")) {
                child.add(a); // the user's own options (e.g. -D settings) carry over
            }
        }
        child.addAll(plan.jvmOptions());
        if (!jvm.contains("--add-modules=" + VectorModule.NAME)) {
            child.addAll(VectorModule.options());
        }
        child.add("-cp");
        child.add(System.getProperty("java.class.path"));
        child.add(Launcher.class.getName());
        child.addAll(List.of(command));
        return runChild(child, err, "cannot start the lab's JVM (%s); run it with -Xmx set, e.g. java -Xmx"
                + plan.heapBytes() / (1 << 20) + "m -jar target/wolpertinger-lab.jar");
    }

    /** Runs {@code command} in a child JVM that has the vector API module (see {@link VectorModule}); its exit code. */
    private static int relaunchWithVectors(String[] command, List<String> jvm, PrintWriter err) {
        List<String> child = new ArrayList<>();
        child.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        child.addAll(jvm); // the user's own options (e.g. -Xmx, -D settings) carry over
        child.addAll(VectorModule.options());
        child.add("-cp");
        child.add(System.getProperty("java.class.path"));
        child.add(Launcher.class.getName());
        child.addAll(List.of(command));
        return runChild(child, err, "cannot start a JVM with the vector API (%s); run with -Dwolpertinger.lanes=scalar");
    }

    /** Runs the sweep {@code command} in a child JVM with Spark's runtime from {@code sparkLib}; its exit code. */
    private static int relaunchWithSpark(String[] command, List<String> jvm, Path sparkLib, PrintWriter err) {
        try {
            return runChild(SparkRuntime.childCommand(command, jvm, sparkLib, Launcher.class.getName()), err,
                    "cannot start the sweep's JVM with Spark (%s)");
        } catch (IOException e) {
            err.println("error: cannot start the sweep's JVM with Spark (" + e.getMessage() + ")");
            return 1;
        }
    }

    /**
     * Runs {@code child} with this JVM's standard streams, ending it when this JVM ends (Ctrl+C, a kill);
     * its exit code, or 1 with {@code failure} (its %s: the reason) if it cannot start.
     */
    private static int runChild(List<String> child, PrintWriter err, String failure) {
        try {
            Process p = new ProcessBuilder(child).inheritIO().redirectError(ProcessBuilder.Redirect.PIPE).start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            Thread errors = VectorModule.forwardErrors(p.getErrorStream(), System.err);
            int code = p.waitFor();
            errors.join(2000);
            return code;
        } catch (IOException e) {
            err.println("error: " + String.format(failure, e.getMessage()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The preset the command names (the default when none or an unreadable one: the child reports that). */
    private static WolpertingerConfig presetOf(String[] command) {
        String name = "pendulum-200k";
        for (int i = 0; i + 1 < command.length; i++) {
            if ("--preset".equals(command[i])) {
                name = command[i + 1];
            }
        }
        try {
            return Presets.load(name, Map.of());
        } catch (IllegalArgumentException e) {
            return Presets.load("pendulum-200k", Map.of());
        }
    }

    /** JavaFX on the module path (as {@code mvn javafx:run} starts it) stays there in the child. */
    private static List<String> moduleOptions(List<String> jvm) {
        List<String> opts = new ArrayList<>();
        String path = System.getProperty("jdk.module.path");
        if (path != null && !path.isEmpty()) {
            opts.add("--module-path");
            opts.add(path);
            for (String a : jvm) {
                if (a.startsWith("--add-modules=") || a.startsWith("-Djdk.module.addmods=")) {
                    opts.add("--add-modules=" + a.substring(a.indexOf('=') + 1));
                }
            }
        }
        return opts;
    }

    private static long physicalBytes() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
    }
}
