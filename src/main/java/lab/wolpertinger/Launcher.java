package lab.wolpertinger;

/** Entry point placeholder while the skeleton resolves its dependencies. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        System.out.println("wolpertinger-lab");
    }
}
