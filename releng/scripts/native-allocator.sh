# Sourced by ./dhad and ./dhad-workbench: the C allocator libtorch's tensors come from (DHAD_ALLOCATOR).
#   auto      (default) jemalloc where libjemalloc.so.2 is installed, else the system's
#   system    the C library's malloc
#   jemalloc  libjemalloc.so.2 (Debian/Ubuntu package libjemalloc2) preloaded, with freed pages kept for reuse;
#             refused where it is not installed.
# glibc's malloc hands large tensors back to the kernel when they are freed, so every forward and backward pays
# page faults on fresh memory again: on a 2-core AMD EPYC, a DeepLabV3-ResNet50 step (batch 4, 256x256) took
# 5.05 s with jemalloc against 9.42 s (PyTorch eager: 4.16 s against 7.75 s). Only where memory comes from
# changes: the demo's 30 epochs gave the same loss bits, weights and metrics under both (one run each; the
# determinism check runs under whichever this machine has).
# jemalloc's settings: keep freed pages (no decay) and purge from a background thread. Blocks of 1 MB and more
# (activations, weights, the JVM's direct buffers) come from one arena whatever the thread: with jemalloc's
# per-thread arenas, pages freed by the training thread or libtorch's workers were not reused by the thread that
# loads and scores the next network, and a train-then-score run (dhad bench, R50, freeze ALL) peaked at 0.92 GiB
# against 0.85 with this (PyTorch under the same settings: 0.68 either way; step times equal).
JEMALLOC_SETTINGS="background_thread:true,metadata_thp:auto,dirty_decay_ms:-1,muzzy_decay_ms:-1,oversize_threshold:1048576"

jemalloc_library() { # prints the path of libjemalloc.so.2, or fails where it is not installed
  local candidate
  for candidate in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2 \
                   /usr/lib64/libjemalloc.so.2 /usr/local/lib/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
    if [ -f "$candidate" ]; then printf '%s' "$candidate"; return 0; fi
  done
  return 1
}

preload_jemalloc() { # library path
  export LD_PRELOAD="$1${LD_PRELOAD:+:$LD_PRELOAD}"
  export MALLOC_CONF="${MALLOC_CONF:-$JEMALLOC_SETTINGS}"
}

use_allocator() { # program name
  local lib
  case "${DHAD_ALLOCATOR:-auto}" in
    system) ;;
    auto)
      if lib="$(jemalloc_library)"; then preload_jemalloc "$lib"; fi
      ;;
    jemalloc)
      if ! lib="$(jemalloc_library)"; then
        echo "$1: DHAD_ALLOCATOR=jemalloc but libjemalloc.so.2 is not installed (Debian/Ubuntu: apt-get install libjemalloc2)" >&2
        exit 2
      fi
      preload_jemalloc "$lib"
      ;;
    *)
      echo "$1: DHAD_ALLOCATOR is '$DHAD_ALLOCATOR'; expected 'auto', 'system' or 'jemalloc'" >&2
      exit 2
      ;;
  esac
}
