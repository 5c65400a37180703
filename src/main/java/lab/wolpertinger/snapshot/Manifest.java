package lab.wolpertinger.snapshot;

import lab.wolpertinger.agent.AgentState;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.train.RunState;

/**
 * The parsed, validated {@code manifest.json} of a snapshot: what it is (format and app
 * version, time, env, action set), the full config, and every scalar of the agent and the run
 * that an exact resume needs. The tensors live in the safetensors entries.
 *
 * @param formatVersion the snapshot format version (see {@link Snapshots#FORMAT_VERSION})
 * @param appVersion version of the app that wrote it
 * @param created ISO-8601 instant of the save
 * @param config the full configuration the run was built from
 * @param actionSet the discrete action set (N, d and bounds), checked against the config's env
 * @param agent counters, live parameters and random generator states of the agent
 * @param run env state, observation and episode sums of the training run
 * @param actorAdamSteps Adam step count of the actor
 * @param criticAdamSteps Adam step count of the critic
 * @param replay whether the replay buffer is included, and its size and ring position
 * @param json the manifest text, pretty-printed (for {@code inspect})
 */
public record Manifest(int formatVersion, String appVersion, String created, WolpertingerConfig config,
                       ActionSetInfo actionSet, AgentState agent, RunState run, long actorAdamSteps,
                       long criticAdamSteps, ReplayInfo replay, String json) {

    /**
     * The action set of a snapshot.
     *
     * @param kind {@code grid} (a uniform grid over a box action space) or {@code discrete}
     * @param n number of actions N
     * @param d embedding dimension
     * @param low the env action bounds the embedding maps to (discrete: 0)
     * @param high upper bounds (discrete: n - 1)
     */
    public record ActionSetInfo(String kind, int n, int d, double[] low, double[] high) {
    }

    /**
     * The replay buffer part of a snapshot.
     *
     * @param included whether {@code replay.safetensors} is present
     * @param capacity the buffer's capacity (the config's bufferCapacity)
     * @param size stored transitions (0 when not included)
     * @param position ring position of the next write
     */
    public record ReplayInfo(boolean included, int capacity, int size, int position) {
    }
}
