package lab.wolpertinger.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the lab's real window needs before JavaFX starts, checked so that a missing piece is one
 * line naming it and its fix instead of JavaFX's stack trace ("Unable to load glass GTK library"):
 * on Linux GTK 3 ({@value #GTK}, found like the dynamic linker would: {@code LD_LIBRARY_PATH},
 * the linker cache {@code /etc/ld.so.cache} that {@code ldconfig -p} prints, the standard library
 * directories) and a display ({@code DISPLAY} or {@code WAYLAND_DISPLAY}). Skipped under
 * {@code glass.platform=Monocle} (the headless tests) and on other operating systems.
 * The environment, the system properties and the file system are passed in, so tests can fake them.
 */
public final class DisplayCheck {
    /** The library JavaFX's GTK glass backend links against. */
    static final String GTK = "libgtk-3.so.0";
    private static final List<String> STANDARD_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/usr/lib", "/lib");
    private static final String GTK_INSTALL = "`sudo apt-get install libgtk-3-0` (Debian/Ubuntu) or `sudo dnf install gtk3` (Fedora)";

    private final Function<String, String> env;
    private final Function<String, String> properties;
    private final Predicate<Path> exists;
    private final Supplier<String> linkerCache;

    /**
     * @param env environment variables (null when unset)
     * @param properties system properties (null when unset)
     * @param exists whether a file exists
     * @param linkerCache the linker cache's content (library names appear in it verbatim), "" if none
     */
    DisplayCheck(Function<String, String> env, Function<String, String> properties, Predicate<Path> exists,
                 Supplier<String> linkerCache) {
        this.env = env;
        this.properties = properties;
        this.exists = exists;
        this.linkerCache = linkerCache;
    }

    /** The check of this process: its environment, system properties and file system. */
    public static DisplayCheck ofSystem() {
        return new DisplayCheck(System::getenv, System::getProperty, Files::exists, DisplayCheck::readLinkerCache);
    }

    /** One line naming what the window lacks and the command that fixes it, or empty when nothing is missing. */
    public Optional<String> problem() {
        if ("monocle".equalsIgnoreCase(properties.apply("glass.platform"))
                || !properties.apply("os.name").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        boolean gtk = gtkFound();
        boolean display = isSet("DISPLAY") || isSet("WAYLAND_DISPLAY");
        String xvfbRun = "`xvfb-run -a " + launchCommand() + "`";
        if (!gtk && !display) {
            return Optional.of("the lab needs GTK 3 and a display, and this machine has neither (no " + GTK
                    + ", DISPLAY and WAYLAND_DISPLAY unset): run `sudo apt-get install libgtk-3-0 xvfb xauth` (Debian/Ubuntu)"
                    + " or `sudo dnf install gtk3 xorg-x11-server-Xvfb` (Fedora), then " + xvfbRun
                    + "; run it under xvfb-run, or use the CLI (--help)");
        }
        if (!gtk) {
            return Optional.of("the lab needs GTK 3, which is not installed (no " + GTK + " in the linker's paths): run "
                    + GTK_INSTALL + ", or use the CLI (--help)");
        }
        if (!display) {
            String install = onPath("xvfb-run") ? "" : " (install it: `sudo apt-get install xvfb xauth`)";
            return Optional.of("the lab needs a display, but neither DISPLAY nor WAYLAND_DISPLAY is set: " + xvfbRun
                    + install + "; run it under xvfb-run, or use the CLI (--help)");
        }
        return Optional.empty();
    }

    private boolean isSet(String name) {
        String value = env.apply(name);
        return value != null && !value.isBlank();
    }

    private boolean gtkFound() {
        List<String> dirs = new ArrayList<>(pathList("LD_LIBRARY_PATH"));
        dirs.addAll(STANDARD_DIRS);
        for (String dir : dirs) {
            if (exists.test(Path.of(dir, GTK))) {
                return true;
            }
        }
        return linkerCache.get().contains(GTK);
    }

    private boolean onPath(String program) {
        return pathList("PATH").stream().anyMatch(dir -> exists.test(Path.of(dir, program)));
    }

    private List<String> pathList(String variable) {
        String value = env.apply(variable);
        List<String> dirs = new ArrayList<>();
        if (value != null) {
            for (String dir : value.split(":")) {
                if (!dir.isBlank()) {
                    dirs.add(dir);
                }
            }
        }
        return dirs;
    }

    /** How this process was started, for the xvfb-run hint: the jar with its arguments, else {@code mvn javafx:run}. */
    private String launchCommand() {
        String command = properties.apply("sun.java.command");
        if (command != null) {
            String first = command.split(" ", 2)[0];
            if (first.endsWith(".jar")) {
                return "java -jar " + command;
            }
        }
        return "mvn javafx:run";
    }

    private static String readLinkerCache() {
        try {
            // Library names are stored as plain strings; ISO-8859-1 maps every byte to one char.
            return new String(Files.readAllBytes(Path.of("/etc/ld.so.cache")), StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
