package org.dhad.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dhad sweep --parallel N}: the sweep's own batch script, run with bash once per task, never more than N
 * at a time; a failed task does not stop the others and is named. The launcher records its calls in place of
 * dhad.
 */
class LocalJobArrayTest {

    @TempDir
    Path temp;

    @Test
    void everyTaskRunsAtMostNAtATimeAndFailuresAreNamed() throws Exception {
        Path calls = temp.resolve("calls");
        Path launcher = temp.resolve("dhad");
        // task b-fabric-s1 fails; each call takes a moment, so tasks started together overlap
        Files.writeString(launcher, "#!/usr/bin/env bash\nname=\"$(basename \"$2\" .xmi)\"\n"
                + "echo \"start $name $DHAD_THREADS\" >> " + calls + "\nsleep 0.4\necho \"end $name\" >> " + calls
                + "\n[ \"$name\" != b-fabric-s1 ]\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        SweepFolder sweep = new SweepFolder(temp.resolve("sweep-x"), "now", launcher.toString(), null,
                SlurmArrayScriptTest.tasks(), List.of());
        Files.createDirectories(sweep.dir());
        Files.writeString(sweep.script(), SlurmArrayScript.of(sweep, new SlurmArrayScript.Options(null, null, null,
                null, null, null, null), Map.of()), StandardCharsets.UTF_8);

        StringWriter out = new StringWriter();
        List<Integer> failed = new LocalJobArray(sweep, 2, "3").run(new PrintWriter(out));

        assertEquals(List.of(2), failed, out.toString());
        assertTrue(out.toString().contains("task 2 (b-fabric-s1): failed with status 1, see "
                + sweep.dir().resolve("b-fabric-s1/task.err")), out.toString());
        List<String> lines = Files.readAllLines(calls);
        assertEquals(8, lines.size(), "each of the 4 tasks started and ended once: " + lines);
        int runningNow = 0;
        int most = 0;
        for (String line : lines) {
            runningNow += line.startsWith("start") ? 1 : -1;
            most = Math.max(most, runningNow);
        }
        assertEquals(2, most, "two at a time, never more: " + lines);
        assertTrue(lines.stream().filter(l -> l.startsWith("start")).allMatch(l -> l.endsWith(" 3")),
                "each task gets its share of the cores as DHAD_THREADS: " + lines);
    }
}
