package lab.wolpertinger.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import lab.wolpertinger.agent.ActionSets;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.train.Presets;
import picocli.CommandLine.Option;

/**
 * The flags that pick an action set as {@code train} does ({@code --env}, {@code --max-actions},
 * {@code --preset}, {@code --seed}), shared by {@code actions} and {@code neighbours}: the same
 * preset, the same overrides, the same {@code ActionSets.forSpace}.
 */
final class ActionSetOptions {

    @Option(names = "--env", required = true, description = "Gymnasium env id: Pendulum-v1, CartPole-v1 or Catalog-v0.")
    String env;

    @Option(names = "--max-actions", description = "N, the number of discrete actions (as for train).")
    Integer maxActions;

    @Option(names = "--preset", description = "Preset name (presets/NAME.json) or JSON file; default per env.")
    String preset;

    @Option(names = "--seed", description = "Run seed (as for train).")
    Long seed;

    /**
     * The config {@code train} would build from these flags (the same preset and overrides),
     * with {@code search} overridden when given.
     */
    WolpertingerConfig config(String search) {
        Envs.requireKnown(env);
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("env", env);
        if (maxActions != null) {
            overrides.put("maxActions", maxActions);
        }
        if (seed != null) {
            overrides.put("seed", seed);
        }
        if (search != null) {
            overrides.put("search", search);
        }
        return Presets.load(preset != null ? preset : Presets.defaultFor(env), overrides);
    }

    /** The action set {@code train} would build from these flags. */
    ActionSet actionSet(String search) {
        WolpertingerConfig config = config(search);
        return ActionSets.forSpace(Envs.make(config.env(), config.envOptions()).actionSpace(), config.maxActions());
    }
}
