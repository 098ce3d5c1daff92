package org.dhad.data.mvtec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dhad.api.data.DataException;
import org.dhad.api.data.DatasetContent;
import org.dhad.api.data.Mask;
import org.dhad.api.data.Sample;
import org.dhad.api.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MVTec 3D-AD and LOCO categories, the folder dataset and VisA, built from copies of the grid sample. */
class OtherLayoutsTest {

    @TempDir
    Path temp;

    @Test
    void mvtec3dRgbLayout() throws Exception {
        Path grid = DatasetFixtures.grid();
        Path cat = temp.resolve("cookie");
        DatasetFixtures.copy(grid.resolve("train/good/000.png"), cat.resolve("train/good/rgb/000.png"));
        DatasetFixtures.copy(grid.resolve("train/good/001.png"), cat.resolve("train/good/rgb/001.png"));
        DatasetFixtures.copy(grid.resolve("test/good/000.png"), cat.resolve("test/good/rgb/000.png"));
        DatasetFixtures.copy(grid.resolve("test/bent/000.png"), cat.resolve("test/crack/rgb/000.png"));
        DatasetFixtures.copy(grid.resolve("ground_truth/bent/000_mask.png"), cat.resolve("test/crack/gt/000.png"));
        Files.createDirectories(cat.resolve("train/good/xyz")); // the 3D part is ignored
        DatasetContent content = DatasetFixtures.open("mvtec", Map.of("root", temp.toString()));
        assertEquals(List.of(), content.problems(), "clean");
        assertEquals(2, content.samples("cookie", Split.TRAIN).size(), "train rgb images");
        Sample crack = content.samples("cookie", Split.TEST).get(0);
        assertEquals("crack", crack.defectType(), "defect type from the test folder");
        assertEquals(List.of(cat.resolve("test/crack/gt/000.png").toAbsolutePath()), ((FileSample) crack).masks(),
                "gt mask next to rgb");
        assertTrue(crack.readMask().orElseThrow().count() > 0, "mask has pixels");
    }

    @Test
    void locoMasksAreUnited() throws Exception {
        Path grid = DatasetFixtures.grid();
        Path cat = temp.resolve("pushpins");
        DatasetFixtures.copy(grid.resolve("train/good/000.png"), cat.resolve("train/good/000.png"));
        DatasetFixtures.copy(grid.resolve("test/bent/000.png"), cat.resolve("test/logical_anomalies/000.png"));
        DatasetFixtures.writePng(DatasetFixtures.rectangleMask(1024, 1024, 0, 0, 100, 100),
                cat.resolve("ground_truth/logical_anomalies/000/000.png"));
        DatasetFixtures.writePng(DatasetFixtures.rectangleMask(1024, 1024, 50, 50, 150, 150),
                cat.resolve("ground_truth/logical_anomalies/000/001.png"));
        DatasetContent content = DatasetFixtures.open("mvtec", Map.of("root", temp.toString()));
        assertEquals(List.of(), content.problems(), "clean");
        Mask mask = content.samples("pushpins", Split.TEST).get(0).readMask().orElseThrow();
        assertEquals(100 * 100 + 100 * 100 - 50 * 50, mask.count(), "union of two overlapping squares");
        assertTrue(mask.get(120, 120) && mask.get(10, 10) && !mask.get(10, 120), "union shape");
    }

    @Test
    void folderDatasetSplitsDeterministicallyAndMatchesMasks() throws Exception {
        Path grid = DatasetFixtures.grid();
        Path data = temp.resolve("my-parts");
        for (int i = 0; i < 10; i++) {
            String name = String.format("%03d", i);
            DatasetFixtures.copy(grid.resolve("train/good/" + name + ".png"), data.resolve("normal/ok_" + name + ".png"));
        }
        DatasetFixtures.copy(grid.resolve("test/bent/000.png"), data.resolve("abnormal/a.png"));
        DatasetFixtures.copy(grid.resolve("ground_truth/bent/000_mask.png"), data.resolve("masks/a-gt.png"));
        DatasetFixtures.copy(grid.resolve("test/glue/000.png"), data.resolve("abnormal/glue/b.png"));
        DatasetFixtures.copy(grid.resolve("ground_truth/glue/000_mask.png"), data.resolve("masks/glue/b-gt.png"));
        DatasetFixtures.copy(grid.resolve("test/glue/001.png"), data.resolve("abnormal/glue/c.png"));
        Map<String, String> values = new HashMap<>(Map.of("normal", data.resolve("normal").toString(), "abnormal",
                data.resolve("abnormal").toString(), "masks", data.resolve("masks").toString(), "mask-suffix", "-gt"));
        DatasetContent content = DatasetFixtures.open("folder", values);
        assertEquals(List.of("my-parts"), content.categories(), "category named after the folder holding normal/");
        assertEquals(8, content.samples("my-parts", Split.TRAIN).size(), "80 % of 10 normal images train");
        List<Sample> test = content.samples("my-parts", Split.TEST);
        assertEquals(List.of("abnormal", "glue", "good", "good"), test.stream().map(Sample::defectType).toList(),
                "two held-out normal images and two abnormal ones with masks");
        assertEquals(1, content.problems().size(), "c.png has no mask: " + content.problems());
        assertTrue(content.problems().get(0).location().endsWith("abnormal/glue/c.png")
                && content.problems().get(0).message().contains("c-gt.png"), content.problems().get(0).toString());
        assertEquals(List.of(data.resolve("masks/glue/b-gt.png").toAbsolutePath()), ((FileSample) test.get(1)).masks(),
                "mask found in the defect sub-folder by stem + suffix");
        List<String> heldOut = test.stream().filter(s -> !s.anomalous()).map(Sample::name).toList();
        assertEquals(heldOut, DatasetFixtures.open("folder", values).samples("my-parts", Split.TEST).stream()
                .filter(s -> !s.anomalous()).map(Sample::name).toList(), "same seed, same split");
        boolean changed = false;
        for (int seed = 1; seed < 6 && !changed; seed++) {
            values.put("seed", Integer.toString(seed));
            changed = !heldOut.equals(DatasetFixtures.open("folder", values).samples("my-parts", Split.TEST).stream()
                    .filter(s -> !s.anomalous()).map(Sample::name).toList());
        }
        assertTrue(changed, "another seed gives another split");
    }

    @Test
    void visaSplitFile() throws Exception {
        Path grid = DatasetFixtures.grid();
        DatasetFixtures.copy(grid.resolve("train/good/000.png"), temp.resolve("pcb1/Data/Images/Normal/0000.png"));
        DatasetFixtures.copy(grid.resolve("train/good/001.png"), temp.resolve("pcb1/Data/Images/Normal/0001.png"));
        DatasetFixtures.copy(grid.resolve("test/good/000.png"), temp.resolve("pcb1/Data/Images/Normal/0002.png"));
        DatasetFixtures.copy(grid.resolve("test/thread/000.png"), temp.resolve("pcb1/Data/Images/Anomaly/000.png"));
        DatasetFixtures.copy(grid.resolve("ground_truth/thread/000_mask.png"), temp.resolve("pcb1/Data/Masks/Anomaly/000.png"));
        DatasetFixtures.copy(grid.resolve("test/thread/001.png"), temp.resolve("pcb1/Data/Images/Anomaly/001.png"));
        Files.createDirectories(temp.resolve("split_csv"));
        Files.writeString(temp.resolve("split_csv/1cls.csv"), String.join("\n",
                "object,split,label,image,mask",
                "pcb1,train,normal,pcb1/Data/Images/Normal/0000.png,",
                "pcb1,train,normal,pcb1/Data/Images/Normal/0001.png,",
                "pcb1,test,normal,pcb1/Data/Images/Normal/0002.png,",
                "pcb1,test,anomaly,pcb1/Data/Images/Anomaly/000.png,pcb1/Data/Masks/Anomaly/000.png",
                "pcb1,test,anomaly,pcb1/Data/Images/Anomaly/001.png,pcb1/Data/Masks/Anomaly/001.png",
                "pcb1,valid,normal,pcb1/Data/Images/Normal/0000.png,"));
        DatasetContent content = DatasetFixtures.open("visa", Map.of("root", temp.toString()));
        assertEquals(List.of("pcb1"), content.categories(), "objects");
        assertEquals(2, content.samples("pcb1", Split.TRAIN).size(), "train rows");
        List<Sample> test = content.samples("pcb1", Split.TEST);
        assertEquals(List.of("anomaly", "good"), test.stream().map(Sample::defectType).toList(), "test rows");
        assertEquals(2, content.problems().size(), "missing mask and bad split: " + content.problems());
        assertTrue(content.problems().stream().anyMatch(p -> p.location().endsWith("Anomaly/001.png")
                && p.message().contains("Masks/Anomaly/001.png")), content.problems().toString());
        assertTrue(content.problems().stream().anyMatch(p -> p.message().contains("line 7")
                && p.message().contains("expected split train or test")), content.problems().toString());
        assertTrue(test.get(0).readMask().orElseThrow().count() > 0, "VisA mask read");
        DataException e = DatasetFixtures.failure("mvtec", Map.of("root", temp.toString()));
        assertTrue(e.getMessage().contains("train/good"), "mvtec does not claim a VisA root: " + e.getMessage());
        assertNotEquals(0, Files.size(temp.resolve("split_csv/1cls.csv")), "csv intact");
    }
}
