# Sourced by ./dhad and ./dhad-workbench: the C allocator libtorch's tensors come from (DHAD_ALLOCATOR).
#   system    (default) the C library's malloc
#   jemalloc  libjemalloc.so.2 (Debian/Ubuntu package libjemalloc2) preloaded, with freed pages kept for reuse.
#             glibc's malloc hands large tensors back to the kernel when they are freed, so every forward and
#             backward pays page faults on fresh memory again: on a 2-core AMD EPYC, a DeepLabV3-ResNet50 step
#             (batch 4, 256x256) took 5.05 s with jemalloc against 9.42 s (PyTorch eager: 4.16 s against 7.75 s).
#             Only where memory comes from changes; bit-identity with the system allocator is not checked yet
#             (buffer alignment can steer some vectorised kernels).
use_allocator() { # program name
  case "${DHAD_ALLOCATOR:-system}" in
    system) ;;
    jemalloc)
      local lib="" candidate
      for candidate in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2 \
                       /usr/lib64/libjemalloc.so.2 /usr/local/lib/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
        if [ -f "$candidate" ]; then lib="$candidate"; break; fi
      done
      if [ -z "$lib" ]; then
        echo "$1: DHAD_ALLOCATOR=jemalloc but libjemalloc.so.2 is not installed (Debian/Ubuntu: apt-get install libjemalloc2)" >&2
        exit 2
      fi
      export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
      export MALLOC_CONF="${MALLOC_CONF:-background_thread:true,metadata_thp:auto,dirty_decay_ms:-1,muzzy_decay_ms:-1}"
      ;;
    *)
      echo "$1: DHAD_ALLOCATOR is '$DHAD_ALLOCATOR'; expected 'system' or 'jemalloc'" >&2
      exit 2
      ;;
  esac
}
