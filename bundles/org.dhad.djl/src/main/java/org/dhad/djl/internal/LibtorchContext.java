package org.dhad.djl.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Switches of libtorch's global context ({@code at::globalContext()}) that DJL does not expose, called
 * through JNA on the library DJL already loaded (C++ member functions take {@code this} first).
 */
final class LibtorchContext {

    private static final String LIBRARY = "libtorch_cpu.so";
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";
    private static final String NNPACK = "_ZNK2at7Context17userEnabledNNPACKEv";

    private final NativeLibrary library;
    private final Pointer context;

    /**
     * @param libtorchDir the folder DJL loaded libtorch from
     * @throws UnsatisfiedLinkError when the library or a symbol is not there (another libtorch build)
     */
    LibtorchContext(Path libtorchDir) {
        Path file = libtorchDir.resolve(LIBRARY);
        if (!Files.isRegularFile(file)) {
            throw new UnsatisfiedLinkError(file + " not found");
        }
        library = NativeLibrary.getInstance(file.toString());
        context = library.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
    }

    /**
     * NNPACK off: on CPUs it does not know, its initialisation fails and libtorch logs "Could not
     * initialize NNPACK! Reason: Unsupported hardware." at every convolution that asks for it; where it
     * works it is one more convolution path that differs between machines.
     */
    void disableNnpack() {
        library.getFunction(SET_NNPACK).invokeVoid(new Object[] {context, Boolean.FALSE});
    }

    boolean nnpackEnabled() {
        return (library.getFunction(NNPACK).invokeInt(new Object[] {context}) & 0xFF) != 0;
    }
}
