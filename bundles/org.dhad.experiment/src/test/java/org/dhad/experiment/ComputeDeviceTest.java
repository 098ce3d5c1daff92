package org.dhad.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Device names as experiments, the CLI's --device and dhad doctor spell them. */
class ComputeDeviceTest {

    @Test
    void namesParseAndPrintTheOneWay() {
        assertEquals(ComputeDevice.AUTO, ComputeDevice.parse("auto"));
        assertEquals(ComputeDevice.CPU, ComputeDevice.parse(" CPU "));
        assertEquals(ComputeDevice.cuda(0), ComputeDevice.parse("cuda"));
        assertEquals(ComputeDevice.cuda(2), ComputeDevice.parse("cuda:2"));
        assertEquals(ComputeDevice.cuda(1), ComputeDevice.parse("gpu:1"), "DJL's word is accepted too");
        assertEquals(List.of("auto", "cpu", "cuda:3"),
                List.of(ComputeDevice.AUTO.toString(), ComputeDevice.CPU.toString(), ComputeDevice.cuda(3).toString()));
        assertEquals("cpu, cuda:0, cuda:1", ComputeDevice.availableNames(2));
        assertEquals("cpu", ComputeDevice.availableNames(0));
    }

    @Test
    void anythingElseIsRefusedNamingTheValueAndTheChoices() {
        for (String bad : new String[] {"tpu", "cuda:", "cuda:-1", "cuda:x", "", "cpu0"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ComputeDevice.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("cuda:N"), e.getMessage());
        }
    }

    @Test
    void theScheduleDefaultsToAutoAndReportsABadNameWithItsPath() {
        assertEquals(ComputeDevice.AUTO, Schedule.paper().device());
        assertEquals(ComputeDevice.cuda(1), Schedule.paper().with(Schedule.DEVICE, "cuda:1").device());
        List<String> problems = Schedule.paper().with(Schedule.DEVICE, "tpu").problems();
        assertEquals(List.of("schedule.device: 'tpu' is not allowed; expected " + ComputeDevice.EXPECTED), problems);
    }
}
