package org.dhad.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the network runs: {@code auto} (the first GPU libtorch sees, else the CPU), {@code cpu}, or
 * {@code cuda:N}. Only the name is checked here; whether the device exists is known to the engine alone.
 *
 * @param gpu   whether it is a GPU
 * @param index the GPU's index, or -1 for {@code auto} and {@code cpu}
 */
public record ComputeDevice(boolean gpu, int index) {

    public static final ComputeDevice AUTO = new ComputeDevice(false, -1);
    public static final ComputeDevice CPU = new ComputeDevice(false, 0);

    /** What a device name may be, for messages and the field's description. */
    public static final String EXPECTED = "auto, cpu or cuda:N (N = 0, 1, ...)";

    private static final Pattern CUDA = Pattern.compile("(?:cuda|gpu)(?::(\\d{1,3}))?");

    public static ComputeDevice cuda(int index) {
        return new ComputeDevice(true, index);
    }

    /**
     * @throws IllegalArgumentException naming the value and what a device name may be
     */
    public static ComputeDevice parse(String name) {
        String text = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        if (text.equals("auto")) {
            return AUTO;
        }
        if (text.equals("cpu")) {
            return CPU;
        }
        Matcher cuda = CUDA.matcher(text);
        if (cuda.matches()) {
            return cuda(cuda.group(1) == null ? 0 : Integer.parseInt(cuda.group(1)));
        }
        throw new IllegalArgumentException("'" + name + "' is not a device; expected " + EXPECTED);
    }

    /** The devices of a machine whose libtorch sees {@code gpus} GPUs: cpu, then cuda:0, cuda:1, ... */
    public static List<ComputeDevice> available(int gpus) {
        List<ComputeDevice> devices = new ArrayList<>();
        devices.add(CPU);
        for (int i = 0; i < gpus; i++) {
            devices.add(cuda(i));
        }
        return List.copyOf(devices);
    }

    /** {@link #available(int)} as one line, {@code cpu, cuda:0}, for messages. */
    public static String availableNames(int gpus) {
        return String.join(", ", available(gpus).stream().map(ComputeDevice::toString).toList());
    }

    public boolean auto() {
        return !gpu && index < 0;
    }

    @Override
    public String toString() {
        return gpu ? "cuda:" + index : auto() ? "auto" : "cpu";
    }
}
