package lab.wolpertinger.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The lab's file controls for snapshots and presets: the File menu's "Save snapshot…", "Load
 * snapshot…", "Recent snapshots", "Include replay buffer" and "Save settings as preset…"
 * items, two tool-bar buttons, and the window as a drop target for {@code .wolp} and
 * {@code .json} files. The file choosers end in the model's commands ({@link LabModel#saveSnapshot},
 * {@link LabModel#loadSnapshot}, {@link LabModel#savePreset}, {@link LabModel#openFile}), which
 * tests call directly.
 */
public final class SnapshotControls {
    /** Set on the window's root while files are dragged over it (styled in {@code styles/*.css}). */
    private static final PseudoClass DROP_OVER = PseudoClass.getPseudoClass("drop-over");

    private final LabModel model;
    private final Stage stage;
    private final Runnable presetsChanged;
    private final Menu recentMenu = new Menu("Recent snapshots");

    /**
     * @param presetsChanged called after a preset was saved (the window refreshes its preset picker)
     */
    public SnapshotControls(LabModel model, Stage stage, Runnable presetsChanged) {
        this.model = model;
        this.stage = stage;
        this.presetsChanged = presetsChanged;
        recentMenu.setId("recentSnapshotsMenu");
        model.recentSnapshots().addListener((ListChangeListener<Path>) c -> fillRecent());
        // Forget files deleted since the list was last read, each time the File menu opens.
        recentMenu.parentMenuProperty().addListener((obs, a, parent) -> {
            if (parent != null) {
                parent.addEventHandler(Menu.ON_SHOWING, e -> model.refreshRecentSnapshots());
            }
        });
        fillRecent();
    }

    /** The File menu's snapshot section (ends with a separator). */
    public List<MenuItem> menuItems() {
        MenuItem save = new MenuItem("Save snapshot…");
        save.setId("saveSnapshotMenu");
        save.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        save.setOnAction(e -> chooseAndSave());
        MenuItem load = new MenuItem("Load snapshot…");
        load.setId("loadSnapshotMenu");
        load.setAccelerator(KeyCombination.keyCombination("Shortcut+L"));
        load.setOnAction(e -> chooseAndLoad());
        CheckMenuItem replay = new CheckMenuItem("Include replay buffer (exact resume)");
        replay.setId("includeReplayMenu");
        replay.setSelected(model.includeReplayProperty().get());
        replay.selectedProperty().addListener((obs, a, on) -> model.setIncludeReplay(on));
        MenuItem preset = new MenuItem("Save settings as preset…");
        preset.setId("savePresetMenu");
        preset.setOnAction(e -> chooseAndSavePreset());
        return List.of(save, load, recentMenu, replay, new SeparatorMenuItem(), preset, new SeparatorMenuItem());
    }

    /** "Save" and "Load" buttons for the tool bar. */
    public List<Node> toolButtons() {
        Button save = Controls.button("Save", "saveSnapshotButton", e -> chooseAndSave(),
                "Save the agent as a .wolp snapshot (weights, optimizer and counters) to resume or share it later (Ctrl+S).");
        Button load = Controls.button("Load", "loadSnapshotButton", e -> chooseAndLoad(),
                "Load a .wolp snapshot and continue from it; you can also drop the file onto the window (Ctrl+L).");
        return List.of(save, load);
    }

    /** Makes {@code scene} accept dropped files; {@code highlight} shows that a drop is possible. */
    public void acceptDrops(Scene scene, Node highlight) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                highlight.pseudoClassStateChanged(DROP_OVER, true);
            }
            e.consume();
        });
        scene.setOnDragExited(e -> highlight.pseudoClassStateChanged(DROP_OVER, false));
        scene.setOnDragDropped(e -> {
            highlight.pseudoClassStateChanged(DROP_OVER, false);
            Dragboard board = e.getDragboard();
            boolean done = board.hasFiles();
            if (done) {
                openFiles(board.getFiles());
            }
            e.setDropCompleted(done);
            e.consume();
        });
    }

    /**
     * What a drop does with its files (the seam tests use, since a drag cannot be faked
     * headless): one file is opened by {@link LabModel#openFile}; several get a message.
     */
    public void openFiles(List<File> files) {
        if (files.size() == 1) {
            model.openFile(files.get(0).toPath());
        } else if (!files.isEmpty()) {
            model.showMessage("Dropped " + files.size() + " files: drop one .wolp snapshot or .json preset at a time");
        }
    }

    // ---------------------------------------------------------------- choosers

    private void chooseAndSave() {
        FileChooser chooser = chooser("Save snapshot", lastDirectory());
        String env = model.envIdProperty().get().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
        chooser.setInitialFileName(String.format(Locale.ROOT, "%s-step%d.wolp", env, model.stepProperty().get()));
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            model.saveSnapshot(f.toPath());
        }
    }

    private void chooseAndLoad() {
        File f = chooser("Load snapshot", lastDirectory()).showOpenDialog(stage);
        if (f != null) {
            model.loadSnapshot(f.toPath());
        }
    }

    private void chooseAndSavePreset() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save settings as preset");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Preset JSON", "*.json"));
        File dir = new File("presets");
        if (dir.isDirectory()) {
            chooser.setInitialDirectory(dir.getAbsoluteFile());
        }
        chooser.setInitialFileName("my-preset.json");
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            Path file = f.getName().contains(".") ? f.toPath() : f.toPath().resolveSibling(f.getName() + ".json");
            if (model.savePreset(file)) {
                presetsChanged.run();
            }
        }
    }

    private static FileChooser chooser(String title, File dir) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Wolpertinger snapshot", "*.wolp"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (dir != null) {
            chooser.setInitialDirectory(dir);
        }
        return chooser;
    }

    /** The folder of the newest recent snapshot, else the working directory. */
    private File lastDirectory() {
        for (Path p : model.recentSnapshots()) {
            Path parent = p.toAbsolutePath().getParent();
            if (parent != null && Files.isDirectory(parent)) {
                return parent.toFile();
            }
        }
        return new File(".").getAbsoluteFile();
    }

    private void fillRecent() {
        List<Path> files = model.recentSnapshots();
        if (files.isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            recentMenu.getItems().setAll(none);
            return;
        }
        recentMenu.getItems().clear();
        for (int i = 0; i < files.size(); i++) {
            Path p = files.get(i);
            Path parent = p.getParent();
            MenuItem item = new MenuItem((i + 1) + "  " + p.getFileName() + (parent == null ? "" : "  —  " + parent));
            item.setMnemonicParsing(false);
            item.setId("recentSnapshot" + i);
            item.setOnAction(e -> model.loadSnapshot(p));
            recentMenu.getItems().add(item);
        }
    }

    /** The "Recent snapshots" submenu. */
    public Menu recentMenu() {
        return recentMenu;
    }

    private static Tooltip tip(String text) {
        return Controls.tip(text);
    }
}
