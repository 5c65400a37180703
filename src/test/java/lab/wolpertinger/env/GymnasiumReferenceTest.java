package lab.wolpertinger.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Golden values computed outside Java: pendulum.py's and cartpole.py's step equations run in
 * Python 3 with NumPy 2.4 (float64 state and float64 actions, platform libm for sin/cos), printed
 * with {@code float.hex()}. Bitwise agreement shows the evaluation order, the Python modulo and
 * the Euler order all match. fdlibm ({@link StrictMath}) and glibc agree on every CartPole angle
 * here and on all but one Pendulum angle (sin(2.5), 1 ulp apart); that step is checked to 1e-15.
 *
 * <pre>
 * state = np.array([2.5, -0.7]); actions = [0.3, -1.7, 5.0, -9.0, 1.25, 0.0, 2.0, -2.0] * 5
 * for a in actions:                      # pendulum.py step, verbatim
 *     th, thdot = state
 *     u = np.clip(np.array([a]), -max_torque, max_torque)[0]
 *     costs = angle_normalize(th) ** 2 + 0.1 * thdot**2 + 0.001 * (u**2)
 *     newthdot = thdot + (3 * g / (2 * l) * np.sin(th) + 3.0 / (m * l**2) * u) * dt
 *     newthdot = np.clip(newthdot, -max_speed, max_speed)
 *     newth = th + newthdot * dt
 *     state = np.array([newth, newthdot]); print(newth, newthdot, -costs)
 *
 * state = np.array([0.01, -0.02, 0.03, 0.04]); acts = [1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0] * 3
 * for a in acts:                         # cartpole.py step, verbatim; print the new state
 * </pre>
 */
class GymnasiumReferenceTest {

    private static final double[][] PENDULUM = {
            {0x1.3eae402566563p+1, -0x1.a62fd140143c0p-3, -0x1.93244a6223e19p+2},
            {0x1.3ea4382cec1cep+1, -0x1.913ed318f4780p-8, -0x1.8d2a57ad20cd1p+2},
            {0x1.436f848099471p+1, 0x1.7f87da261d2f1p-1, -0x1.8cddfdd7deabcp+2},
            {0x1.4914036af0312p+1, 0x1.c367a93b29249p-1, -0x1.9c7b7b661d9f0p+2},
            {0x1.528380576cf31p+1, 0x1.796b84f37e4e6p+0, -0x1.ac1796336639dp+2},
            {0x1.5e3cd2105193ep+1, 0x1.d4f4c4e3b9206p+0, -0x1.cd88a7eb65f9cp+2},
            {0x1.6dc63d0488c96p+1, 0x1.36bc5b14502dcp+1, -0x1.f4e5e51b456b5p+2},
            {0x1.7cbc6b7dea615p+1, 0x1.2b3ba17b9fdedp+1, -0x1.184c0c51b0840p+3},
            {0x1.8cc8b2d9b6f8fp+1, 0x1.40f5932bfbd88p+1, -0x1.2c9db618d8925p+3},
            {0x1.9b666ef0ff986p+1, 0x1.2452b1d1ac754p+1, -0x1.47b52e46888e4p+3},
            {0x1.ab96b6bd5cfd8p+1, 0x1.43c59bf74be6bp+1, -0x1.3e3e050844947p+3},
            {0x1.b8e89ef84a292p+1, 0x1.0a66249a87683p+1, -0x1.29b22ddf3f013p+3},
            {0x1.c5ff10b7d8706p+1, 0x1.05c0e2f71d906p+1, -0x1.0fc0da0055691p+3},
            {0x1.d1310d7fe423ap+1, 0x1.bfcf7f41d4030p+0, -0x1.f9f78293be0e0p+2},
            {0x1.dc094fc55560ep+1, 0x1.b1ca5ad9b1921p+0, -0x1.d4e5efc7d5cc5p+2},
            {0x1.e25745458a0dbp+1, 0x1.f85cb8107600ap-1, -0x1.b76c93cfc40afp+2},
            {0x1.e61e4d2662b5cp+1, 0x1.2e327643b4874p-1, -0x1.9aff5b62d6620p+2},
            {0x1.e555d45b8ad09p+1, -0x1.f52dfb1bbce78p-4, -0x1.8dc067c707f4ep+2},
            {0x1.e391232d4a789p+1, -0x1.1aeebce836ff8p-2, -0x1.8da336f82e681p+2},
            {0x1.dd06c4d93d0cdp+1, -0x1.059ebd2218d70p+0, -0x1.9272c69661c13p+2},
            {0x1.d508e08c94fddp+1, -0x1.3fababfa42574p+0, -0x1.a90a7dcf3d2adp+2},
            {0x1.caa57fa805eedp+1, -0x1.9f8723b65a580p+0, -0x1.c0ea84314c9aep+2},
            {0x1.c0207c8daf75cp+1, -0x1.a4c87c1d82eb1p+0, -0x1.e3ae56c094d3bp+2},
            {0x1.b1ffc57822454p+1, -0x1.1a8e4daf07ca5p+1, -0x1.007904786cef5p+3},
            {0x1.a2f9ef4b84e54p+1, -0x1.2c74bb7c4b7fcp+1, -0x1.1b56a55631057p+3},
            {0x1.91b0fd57ee61fp+1, -0x1.59b2e707c2422p+1, -0x1.33a2652b66197p+3},
            {0x1.8257b76835365p+1, -0x1.32f976ba7768ep+1, -0x1.529e2103e5befp+3},
            {0x1.71aa0a16a67ccp+1, -0x1.4d918a5f267fdp+1, -0x1.360ec0b9c1ffap+3},
            {0x1.6363d88625342p+1, -0x1.1d7bdf4a19ad1p+1, -0x1.20ae03a63a40bp+3},
            {0x1.56d46543794a5p+1, -0x1.f66a026adc894p+0, -0x1.069a1615944abp+3},
            {0x1.4e558c7dfdff5p+1, -0x1.53d1dedb43b73p+0, -0x1.e4043788477e2p+2},
            {0x1.4657f6efcd46fp+1, -0x1.3f9f5e379ccf4p+0, -0x1.c02bd068698d5p+2},
            {0x1.4151d6e3b4b13p+1, -0x1.91ea03c7aecc6p-1, -0x1.a9ff976e32f08p+2},
            {0x1.3d7f22df712f6p+1, -0x1.31d841551891cp-1, -0x1.976f488a3840ep+2},
            {0x1.3e8a7795e6707p+1, 0x1.4e29e41291520p-3, -0x1.8c4e4655a7101p+2},
            {0x1.4094dac697c04p+1, 0x1.467dfe6ed1dfep-2, -0x1.8cc973bd72e08p+2},
            {0x1.46ad5d72afbe9p+1, 0x1.e7a8d5c77f776p-1, -0x1.9234a1f22dd87p+2},
            {0x1.4f70f25a17ee1p+1, 0x1.5e8f4428476bcp+0, -0x1.a6ac5248aa696p+2},
            {0x1.5c83a2e321cd8p+1, 0x1.0575cab4c574cp+1, -0x1.c3caa27decedcp+2},
            {0x1.699e8b2ff2efdp+1, 0x1.061a260056ae8p+1, -0x1.f56bd381ac360p+2},
    };
    private static final double[][] CARTPOLE = {
            {0x1.3a92a30553262p-7, 0x1.65be34c837f9ep-3, 0x1.f8a0902de00d1p-6, -0x1.f1ce03128d125p-3},
            {0x1.ad0cf159dff10p-7, 0x1.7a365b180d03fp-2, 0x1.a8fa7b3525a3cp-6, -0x1.0d401838374fep-1},
            {0x1.4f8da010cb2d0p-6, 0x1.6416616eeedb4p-3, 0x1.f951005fc70a3p-7, -0x1.cd14d879c8136p-3},
            {0x1.8886f755be316p-6, 0x1.799e9559ea62ep-2, 0x1.65c535fb5e0e4p-7, -0x1.069cf8b6cad83p-1},
            {0x1.00aec6c37f7a7p-5, 0x1.635157bf12530p-3, 0x1.5a02096835ff0p-11, -0x1.bc0862978f932p-3},
            {0x1.1d1baf103943ap-5, -0x1.627d955d5b230p-6, -0x1.e1dc24ce585b4p-9, 0x1.379dbcd6951c8p-4},
            {0x1.1990302135cafp-5, -0x1.bbd0102c9e1ddp-3, -0x1.1a6cf3a12c200p-9, 0x1.786bdb64f1d4ep-2},
            {0x1.ec1dce4fc2ed4p-6, -0x1.611f950b98b80p-6, 0x1.549b42d9953dfp-8, 0x1.301387a7e28ecp-4},
            {0x1.e50dd0735e97ap-6, 0x1.6350e2796889ep-3, 0x1.b5e930d1ddbd9p-8, -0x1.bc024f2839654p-3},
            {0x1.0ef3c724ad6b5p-5, 0x1.795d48b6231e8p-2, 0x1.337d81703ed08p-9, -0x1.03c5dce5ce623p-1},
            {0x1.4b549f93bd474p-5, 0x1.209152d01b46ap-1, -0x1.ff4604238a88ep-8, -0x1.993f60a3522eep-1},
            {0x1.a7ac163cbbc44p-5, 0x1.7970e12be3ca9p-2, -0x1.85bca029bb122p-6, -0x1.04a7d82f45569p-1},
            {0x1.e410114dfeeeep-5, 0x1.20ca504f08dccp-1, -0x1.16473919c0861p-5, -0x1.9e4c5bc45c1bap-1},
            {0x1.203ce24d3e531p-4, 0x1.84ec22ef5cea5p-1, -0x1.9ada89aa81d6ap-5, -0x1.1cc2d6ead8da7p+0},
            {0x1.5e772554d24fap-4, 0x1.215ffbfd6557dp-1, -0x1.288ce5c43ea1ep-4, -0x1.abef5cada79efp-1},
            {0x1.8cc3f17d5d67fp-4, 0x1.85be54373ea6ep-1, -0x1.6d051d8e1c030p-4, -0x1.267db5b78a65bp+0},
            {0x1.cb1fd6011582ap-4, 0x1.227d9a2d191d5p-1, -0x1.cb41d295a4758p-4, -0x1.c6172298aa7b7p-1},
            {0x1.f99a55128a2b2p-4, 0x1.7ee71aa42c74ap-2, -0x1.09f4ae9eb6e88p-3, -0x1.434e8274a5406p-1},
            {0x1.0c1e171f3261fp-3, 0x1.725969976f69cp-3, -0x1.23d200bc86b03p-3, -0x1.87811582ee0f8p-2},
            {0x1.138647504e360p-3, 0x1.82b9c8e707c30p-2, -0x1.337b0198cda69p-3, -0x1.6ec27e687c1e0p-1},
            {0x1.22fe5996fc99fp-3, 0x1.2625ddcf27e7fp-1, -0x1.50d23ee8d7948p-3, -0x1.0d6036df722ecp+0},
            {0x1.3a867fd084e9fp-3, 0x1.8af2b488b3669p-1, -0x1.7bebe14a0891cp-3, -0x1.64473d9d8f9a7p+0},
            {0x1.5a1f092322a04p-3, 0x1.efc0932b50f8bp-1, -0x1.b4ed09de1f8bcp-3, -0x1.bc77681abdffap+0},
            {0x1.81c80aabb876bp-3, 0x1.8d5f85fa51680p-1, -0x1.fc0a6234526d0p-3, -0x1.844a5729986d2p+0},
            {0x1.a1923e5958938p-3, 0x1.f24bc2d48c0e5p-1, -0x1.1d15610902350p-2, -0x1.e0252342c3520p+0},
            {0x1.c96f582ce8e69p-3, 0x1.2b8ca12b2281fp+0, -0x1.437ec0041c12ap-2, -0x1.1ec293a285835p+1},
            {0x1.f95ce29a361a1p-3, 0x1.f546d1725d704p-1, -0x1.7160713cd5466p-2, -0x1.079575bda5cf5p+1},
            {0x1.10bb83eb47bfap-2, 0x1.2cf829a73ab8dp+0, -0x1.9b8cd5ff0448dp-2, -0x1.382f54bd7a5fep+1},
            {0x1.28cf5e4a94205p-2, 0x1.f89b729a1479ep-1, -0x1.cd7fedcb69c8dp-2, -0x1.255081bb27796p+1},
            {0x1.3cfe8bd5dca01p-2, 0x1.97c9131abdd6dp-1, -0x1.fc6e170813f0bp-2, -0x1.150602427de69p+1},
            {0x1.4d4e44eb6956cp-2, 0x1.3771906ed5a87p-1, -0x1.14607c562885bp-1, -0x1.072f2ecc8f428p+1},
            {0x1.59c373a82a348p-2, 0x1.9b90168b23176p-1, -0x1.296e80149a621p-1, -0x1.3abb69f9cb09dp+1},
            {0x1.6a39daf5690c8p-2, 0x1.fefc4efefaea9p-1, -0x1.429c36a3776d1p-1, -0x1.6e8d3fa78b89ap+1},
            {0x1.7eaa58ff9c0bap-2, 0x1.30bbeff2ec67cp+0, -0x1.5fef317dab8c9p-1, -0x1.a290874366a02p+1},
            {0x1.970b4d7971849p-2, 0x1.615be17fd90c1p+0, -0x1.816b65459f477p-1, -0x1.d6a12904a8da5p+1},
            {0x1.b35017d5975c9p-2, 0x1.309947b37607cp+0, -0x1.a711e36ef477ap-1, -0x1.d5ab20bf2577dp+1},
    };

    /** glibc's sin(2.5); fdlibm ({@link StrictMath}) rounds the other way: 1 ulp lower. */
    private static final double GLIBC_SIN_2_5 = 0x1.326af0dcfcab1p-1;

    @Test
    void pendulumStepsMatchNumPyBitForBitWhereTheLibmsAgree() {
        // One step at a time from each NumPy state, so a libm difference cannot compound (the
        // pendulum is chaotic: one ulp at step 0 grows to visible differences within 40 steps).
        double[] actions = {0.3, -1.7, 5.0, -9.0, 1.25, 0.0, 2.0, -2.0};
        Pendulum env = new Pendulum();
        double[] from = {2.5, -0.7};
        for (int t = 0; t < PENDULUM.length; t++) {
            env.setState(from);
            Step step = env.step(new double[] {actions[t % actions.length]});
            if (from[0] == 2.5) {
                // the only angle on this trajectory where fdlibm and glibc differ (by 1 ulp);
                // 15 * dt amplifies it to a few ulps of thetadot
                assertEquals(Math.ulp(GLIBC_SIN_2_5), GLIBC_SIN_2_5 - StrictMath.sin(2.5), 0.0);
                assertEquals(PENDULUM[t][1], env.state()[1], 1e-15);
                assertEquals(PENDULUM[t][0], env.state()[0], 1e-15);
            } else {
                assertBits(PENDULUM[t][0], env.state()[0], "theta", t);
                assertBits(PENDULUM[t][1], env.state()[1], "thetadot", t);
            }
            assertBits(PENDULUM[t][2], step.reward(), "reward", t); // the cost uses no sine
            from = new double[] {PENDULUM[t][0], PENDULUM[t][1]};
        }
    }

    @Test
    void cartPoleTrajectoryMatchesNumPyBitForBit() {
        int[] actions = {1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0};
        CartPole env = new CartPole();
        env.setState(new double[] {0.01, -0.02, 0.03, 0.04});
        String[] names = env.stateNames();
        for (int t = 0; t < CARTPOLE.length; t++) {
            env.step(new double[] {actions[t % actions.length]});
            for (int i = 0; i < 4; i++) {
                assertBits(CARTPOLE[t][i], env.state()[i], names[i], t);
            }
        }
    }

    private static void assertBits(double expected, double actual, String what, int t) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                () -> what + " at step " + t + ": expected " + expected + " but was " + actual);
    }
}
