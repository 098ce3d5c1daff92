# Sourced by the side-by-side scripts that run Java programs on DJL outside the product: sets `cp` to DJL 0.36,
# its PyTorch engine and the CPU libtorch 2.7.1 jar from the local Maven repository (any build of this project
# puts them there; M2_REPO overrides its place), and `cache` to the native cache (DHAD_NATIVE_CACHE).
m2="${M2_REPO:-$HOME/.m2/repository}"
cache="${DHAD_NATIVE_CACHE:-$HOME/.dhad/native}"
djl_jar() { local found; found="$(ls "$m2"/$1 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$found" ] || { echo "$(basename "$0"): $m2/$1 not found; build the project once (./mvnw install)" >&2; exit 2; }
  printf '%s' "$found"; }
cp="$(djl_jar 'ai/djl/api/0.36.0/api-0.36.0.jar'):$(djl_jar 'ai/djl/pytorch/pytorch-engine/0.36.0/pytorch-engine-0.36.0.jar')"
cp="$cp:$(djl_jar 'ai/djl/pytorch/pytorch-jni/2.7.1-0.36.0/pytorch-jni-2.7.1-0.36.0.jar'):$(djl_jar 'net/java/dev/jna/jna/5.*/jna-5.*.jar')"
cp="$cp:$(djl_jar 'ai/djl/pytorch/pytorch-native-cpu/2.7.1/pytorch-native-cpu-2.7.1-linux-x86_64.jar')"
cp="$cp:$(djl_jar 'com/google/code/gson/gson/2.*/gson-2.*.jar'):$(djl_jar 'org/slf4j/slf4j-api/1.7.36/slf4j-api-1.7.36.jar')"
