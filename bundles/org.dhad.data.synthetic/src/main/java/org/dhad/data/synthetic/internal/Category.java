package org.dhad.data.synthetic.internal;

import static org.dhad.data.synthetic.internal.DefectKind.CONTAMINATION;
import static org.dhad.data.synthetic.internal.DefectKind.CRACK;
import static org.dhad.data.synthetic.internal.DefectKind.HOLE;
import static org.dhad.data.synthetic.internal.DefectKind.MISSING;
import static org.dhad.data.synthetic.internal.DefectKind.SCRATCH;
import static org.dhad.data.synthetic.internal.DefectKind.STAIN;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** The synthetic categories: how each is rendered and which defect types its test split has. */
enum Category {

    FABRIC("fabric", WovenTextures::fabric, HOLE, STAIN, CONTAMINATION, SCRATCH),
    GRID("grid", WovenTextures::grid, HOLE, CONTAMINATION, SCRATCH, STAIN),
    WOOD("wood", NoiseTextures::wood, SCRATCH, HOLE, STAIN, CRACK, CONTAMINATION),
    LEATHER("leather", NoiseTextures::leather, SCRATCH, HOLE, STAIN, CRACK, CONTAMINATION),
    PILL("pill", ObjectRenders::pill, CRACK, CONTAMINATION, STAIN, MISSING, SCRATCH),
    SCREW("screw", ObjectRenders::screw, SCRATCH, MISSING, CONTAMINATION, STAIN);

    /** Draws one defect-free image of a category. */
    interface Renderer {
        Canvas render(int size, SplittableRandom random);
    }

    private final String label;
    private final Renderer renderer;
    private final List<DefectKind> defects;

    Category(String label, Renderer renderer, DefectKind... defects) {
        this.label = label;
        this.renderer = renderer;
        this.defects = List.of(defects);
    }

    String label() {
        return label;
    }

    /** Defect types of the test split, in the order test samples cycle through them. */
    List<DefectKind> defects() {
        return defects;
    }

    Canvas render(int size, SplittableRandom random) {
        return renderer.render(size, random);
    }

    /** Every category label, in declaration order. */
    static List<String> labels() {
        return Arrays.stream(values()).map(Category::label).toList();
    }

    /** The category called {@code label}, or {@code null}. */
    static Category byLabel(String label) {
        for (Category category : values()) {
            if (category.label.equals(label)) {
                return category;
            }
        }
        return null;
    }
}
