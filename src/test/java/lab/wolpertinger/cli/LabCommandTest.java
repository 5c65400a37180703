package lab.wolpertinger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<LabOptions> opened = new ArrayList<>();

    private int run(String... args) {
        return Cli.run(args, new PrintWriter(out), new PrintWriter(err), o -> {
            opened.add(o);
            return 0;
        });
    }

    @Test
    void labPassesItsOptionsToTheOpener() {
        assertEquals(0, run("lab", "--preset", "cartpole", "--autostart"));
        assertEquals(List.of(new LabOptions("cartpole", true, 0)), opened);
    }

    @Test
    void presenterModeIsAnOption() {
        assertEquals(0, run("lab", "--presenter"));
        assertEquals(new LabOptions("pendulum-200k", false, 0, 0, true), opened.get(0));
    }

    @Test
    void labDefaultsToTheDefaultPreset() {
        assertEquals(0, run("lab"));
        assertEquals(new LabOptions("pendulum-200k", false, 0), opened.get(0));
    }

    @Test
    void helpListsTheLabAndBadOptionsAreUsageErrors() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("lab"), out.toString());
        assertEquals(Cli.BAD_INPUT, run("lab", "--bogus"));
        assertTrue(err.toString().startsWith("error:"), err.toString());
        assertTrue(opened.isEmpty());
    }
}
