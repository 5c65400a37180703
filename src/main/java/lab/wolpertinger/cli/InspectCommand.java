package lab.wolpertinger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.snapshot.Manifest;
import lab.wolpertinger.snapshot.Snapshot;
import lab.wolpertinger.snapshot.Snapshots;
import lab.wolpertinger.snapshot.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code inspect}: validates a snapshot completely and prints a summary and its manifest, one
 * {@code key: value} per line (nested keys joined with dots).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Check a .wolp snapshot and print its manifest in readable form.")
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The .wolp snapshot file.")
    Path file;

    @Override
    public Integer call() {
        Snapshot s = Snapshots.load(file);
        Manifest m = s.manifest();
        WolpertingerConfig c = m.config();
        PrintWriter out = spec.commandLine().getOut();
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        out.printf("file: %s (%d bytes, valid)%n", file, bytes);
        out.printf("format: %d, written by %s at %s%n", m.formatVersion(), m.appVersion(), m.created());
        out.printf("env: %s, %s action set N=%d d=%d low=%s high=%s%n", c.env(), m.actionSet().kind(),
                m.actionSet().n(), m.actionSet().d(), Arrays.toString(m.actionSet().low()),
                Arrays.toString(m.actionSet().high()));
        out.printf("k: %d (live kRatio %s), nets %d-%d hidden, seed %d%n",
                WolpertingerConfig.k(m.actionSet().n(), m.agent().kRatio()), m.agent().kRatio(), c.hidden1(),
                c.hidden2(), c.seed());
        out.printf("progress: %d steps, %d episodes, %d updates%n", m.run().steps(), m.run().episodes(),
                m.agent().updates());
        out.printf("replay: %s%n", m.replay().included()
                ? m.replay().size() + " of " + m.replay().capacity() + " transitions included"
                : "not included (a resume starts with an empty buffer)");
        out.printf("tensors: weights %d (%d floats), optimizer %d (%d floats)%n", s.weights().size(),
                floats(s.weights()), s.optimizer().size(), floats(s.optimizer()));
        out.println("manifest:");
        try {
            flatten("", new ObjectMapper().readTree(m.json()), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
        return 0;
    }

    private static long floats(Map<String, Tensor> tensors) {
        long n = 0;
        for (Tensor t : tensors.values()) {
            n += t.data().length;
        }
        return n;
    }

    private static void flatten(String prefix, JsonNode node, PrintWriter out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.println("  " + prefix + ": " + (node.isTextual() ? node.asText() : node.toString()));
        }
    }
}
