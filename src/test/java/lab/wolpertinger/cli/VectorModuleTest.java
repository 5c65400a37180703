package lab.wolpertinger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** When the launcher runs a command again with the vector API, and what it passes through. */
class VectorModuleTest {

    @Test
    void thisTestJvmHasTheModuleSoNothingIsRelaunched() {
        assertTrue(VectorModule.resolved(), "surefire adds --add-modules " + VectorModule.NAME);
        assertTrue(VectorModule.inImage());
        assertEquals(java.util.List.of("--add-modules=" + VectorModule.NAME), VectorModule.options());
        assertFalse(VectorModule.relaunchWanted(new String[] {"train", "--env", "Catalog-v0"}));
    }

    @Test
    void onlyCommandsThatScoreAreRelaunched() {
        assertTrue(VectorModule.COMMANDS.contains("sweep"));
        assertFalse(VectorModule.COMMANDS.contains("actions"), "actions writes a table: no critic");
        assertFalse(VectorModule.relaunchWanted(new String[] {"train", "--help"}));
        assertFalse(VectorModule.relaunchWanted(new String[0]));
    }

    @Test
    void theChildsIncubatorWarningIsDroppedAndEverythingElsePasses() throws InterruptedException {
        String stderr = VectorModule.WARNING + "\nerror: --steps must be >= 1, got 0\nWARNING: something else\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        VectorModule.forwardErrors(new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)), to).join(5000);
        assertEquals("error: --steps must be >= 1, got 0" + System.lineSeparator() + "WARNING: something else"
                + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }
}
