package lab.wolpertinger.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import lab.wolpertinger.env.Env;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.env.Step;
import lab.wolpertinger.env.TimeLimit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code replay}: steps the env once from each given state with the given raw action and prints
 * the result, so the physics can be compared with Gymnasium row by row.
 *
 * <p>Input CSV (with a header): the state names ({@code theta,thetadot} for Pendulum,
 * {@code x,x_dot,theta,theta_dot} for CartPole) and {@code action}, in any column order.
 * Output CSV: {@code reward,terminated,next_<state names>,obs_0..}; doubles are printed in Java's
 * round-trip form (parsing the text gives back the same double); terminated is {@code true}/{@code false}.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Step the env once from each (state, action) row of a CSV file and print the results.")
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, description = "Gymnasium env id: Pendulum-v1, CartPole-v1 or Catalog-v0.")
    String envId;

    @Option(names = "--transitions", required = true, description = "CSV file: state columns and an action column.")
    Path transitions;

    @Override
    public Integer call() {
        Envs.requireKnown(envId);
        Env wrapped = Envs.make(envId);
        Env env = wrapped instanceof TimeLimit t ? t.unwrapped() : wrapped;
        String[] names = env.stateNames();
        if (Files.isDirectory(transitions)) {
            throw new IllegalArgumentException("--transitions " + transitions + " is a directory, not a CSV file");
        }
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(transitions, StandardCharsets.UTF_8)) {
            lines = r.lines().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read --transitions " + transitions + ": " + describe(e));
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IllegalArgumentException(transitions + ": empty file, expected a header "
                    + String.join(",", names) + ",action");
        }
        String[] header = split(lines.get(0));
        int[] stateCols = new int[names.length];
        for (int j = 0; j < names.length; j++) {
            stateCols[j] = column(header, names[j]);
        }
        int actionCol = column(header, "action");

        PrintWriter out = spec.commandLine().getOut();
        StringBuilder head = new StringBuilder("reward,terminated");
        for (String n : names) {
            head.append(",next_").append(n);
        }
        for (int j = 0; j < env.observationSpace().dim(); j++) {
            head.append(",obs_").append(j);
        }
        out.println(head);
        double[] state = new double[names.length];
        for (int row = 1; row < lines.size(); row++) {
            String line = lines.get(row);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(transitions + " line " + (row + 1) + ": expected "
                        + header.length + " values, found " + cells.length);
            }
            for (int j = 0; j < names.length; j++) {
                state[j] = number(cells[stateCols[j]], names[j], row);
            }
            double action = number(cells[actionCol], "action", row);
            env.setState(state);
            Step s;
            try {
                s = env.step(new double[] {action});
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(transitions + " line " + (row + 1) + ": " + e.getMessage());
            }
            StringBuilder b = new StringBuilder();
            b.append(s.reward()).append(',').append(s.terminated());
            for (double v : env.state()) {
                b.append(',').append(v);
            }
            for (double v : s.observation()) {
                b.append(',').append(v);
            }
            out.println(b);
        }
        out.flush();
        return 0;
    }

    private double number(String cell, String name, int row) {
        try {
            double v = Double.parseDouble(cell.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(transitions + " line " + (row + 1) + ": " + name
                    + " is not a finite number: '" + cell.trim() + "'");
        }
    }

    private int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(transitions + ": header " + Arrays.toString(header)
                + " lacks column '" + name + "' (" + envId + " needs "
                + String.join(",", Envs.make(envId).stateNames()) + ",action)");
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof UncheckedIOException u && u.getCause() instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage();
    }
}
