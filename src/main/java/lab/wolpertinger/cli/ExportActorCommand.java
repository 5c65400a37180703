package lab.wolpertinger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lab.wolpertinger.snapshot.PolicyExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code export-actor}: writes a snapshot's actor as a plain safetensors file for an
 * {@code nn.Sequential(Linear, ReLU, Linear, ReLU, Linear, Softsign)} in PyTorch, or an ACER
 * snapshot's policy network ({@code Sequential(Linear, ReLU, Linear, ReLU, Linear)} giving logits).
 */
@Command(name = "export-actor", mixinStandardHelpOptions = true,
        description = "Write the snapshot's actor as safetensors with keys 0.weight, 0.bias, 2.weight, 2.bias, 4.weight, 4.bias.")
final class ExportActorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--snapshot", required = true, description = "The .wolp snapshot file.")
    Path snapshot;

    @Option(names = "--out", required = true, description = "The safetensors file to write.")
    Path out;

    @Override
    public Integer call() {
        String what;
        try {
            what = PolicyExport.exportPolicy(snapshot, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write --out " + out + ": " + e.getMessage(), e);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("wrote " + out + " (" + what + ")");
        err.flush();
        return 0;
    }
}
