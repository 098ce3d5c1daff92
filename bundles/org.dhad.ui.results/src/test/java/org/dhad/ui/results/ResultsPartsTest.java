package org.dhad.ui.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ResultsParts against a recording part service: the part comes from the contract's descriptor, carries the
 * run folders in its persisted state and a label naming the run, and is shown activated; opening the same run
 * again shows the open part instead of a second one.
 */
class ResultsPartsTest {

    /** What the part service was asked. */
    private final List<MPart> parts = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();

    private EPartService service() {
        return (EPartService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EPartService.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "createPart" -> {
                            MPart part = MBasicFactory.INSTANCE.createPart();
                            part.setElementId((String) args[0]);
                            calls.add("create " + args[0]);
                            return part;
                        }
                        case "showPart" -> {
                            MPart part = (MPart) args[0];
                            if (!parts.contains(part)) {
                                parts.add(part);
                            }
                            calls.add("show " + part.getLabel() + " " + args[1]);
                            return part;
                        }
                        case "getParts" -> {
                            return List.copyOf(parts);
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    void opensResultsAndComparisonFromTheContractsDescriptors(@TempDir Path temp) throws Exception {
        Path runs = temp.resolve("runs");
        Path a = org.dhad.ui.results.internal.FixtureAccess.trainedRun(runs, "demo", "20261129-101500");
        Path b = runs.resolve("other/20261129-120000"); // not a run folder: named by its folders
        EPartService service = service();

        ResultsParts.openResults(service, a);
        MPart results = parts.get(0);
        assertEquals("org.dhad.ui.results.partdescriptor.results", results.getElementId(), "descriptor");
        assertEquals(a.toAbsolutePath().normalize().toString(), results.getPersistedState().get(ResultsParts.RUN_DIRS),
                "run folder in the persisted state");
        assertEquals("Results: demo/20261129-101500", results.getLabel(), "label");
        assertEquals(List.of(a.toAbsolutePath().normalize()), ResultsParts.runDirs(results), "read back");

        ResultsParts.openComparison(service, List.of(a, b, a.resolveSibling("x")));
        MPart comparison = parts.get(1);
        assertEquals("org.dhad.ui.results.partdescriptor.comparison", comparison.getElementId(), "descriptor");
        assertEquals("Comparison (3 runs)", comparison.getLabel(), "label");
        assertEquals(3, ResultsParts.runDirs(comparison).size(), "one line per run");

        ResultsParts.openResults(service, a);
        assertEquals(2, parts.size(), "the open results part is reused");
        assertSame(results, parts.get(0), "same part");
        assertEquals(List.of("create org.dhad.ui.results.partdescriptor.results",
                "show Results: demo/20261129-101500 " + PartState.ACTIVATE,
                "create org.dhad.ui.results.partdescriptor.comparison",
                "show Comparison (3 runs) " + PartState.ACTIVATE,
                "show Results: demo/20261129-101500 " + PartState.ACTIVATE), calls, "calls to the part service");
    }
}
