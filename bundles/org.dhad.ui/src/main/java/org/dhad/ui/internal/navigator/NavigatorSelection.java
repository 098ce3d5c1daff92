package org.dhad.ui.internal.navigator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dhad.results.RunState;
import org.dhad.ui.internal.navigator.NavigatorNode.Run;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;

/**
 * What is selected in the navigator, as {@link NavigatorPart} gives it to the {@link ESelectionService}: the
 * elements in tree order and the state of each selected run when the tree last read it. The navigator's
 * handlers decide from it whether they can run, whichever part is active (the toolbar's Compare works on the
 * navigator's runs while an editor has the focus).
 *
 * @param nodes the selected elements, in tree order
 * @param states the state of each selected run folder the tree could read
 */
public record NavigatorSelection(List<NavigatorNode> nodes, Map<Path, RunState> states) {

    /** Nothing selected, or no navigator. */
    public static final NavigatorSelection EMPTY = new NavigatorSelection(List.of(), Map.of());

    public NavigatorSelection {
        nodes = List.copyOf(nodes);
        states = Map.copyOf(states);
    }

    /** The navigator's selection, {@link #EMPTY} when the navigator is closed or has published none. */
    public static NavigatorSelection of(ESelectionService selection) {
        return selection.getSelection(NavigatorPart.PART_ID) instanceof NavigatorSelection navigator ? navigator
                : EMPTY;
    }

    /** The selected run folders, in tree order. */
    public List<Path> runs() {
        return nodes.stream().filter(Run.class::isInstance).map(n -> ((Run) n).dir()).toList();
    }

    /** The run folder when exactly one of the selected elements is a run. */
    public Optional<Path> singleRun() {
        List<Path> runs = runs();
        return runs.size() == 1 ? Optional.of(runs.get(0)) : Optional.empty();
    }

    /** Whether exactly one run is selected and the tree read it in one of {@code wanted}. */
    public boolean singleRunIn(RunState... wanted) {
        RunState state = singleRun().map(states::get).orElse(null);
        return state != null && List.of(wanted).contains(state);
    }
}
