#!/usr/bin/env bash
# Builds the JNI shim over native libsodium 1.0.18 that NativeCompareBench measures against
# (`./kms bench --native`, docs/PERFORMANCE.md "Against native libsodium"):
#   kms-bench/src/main/native/sodium_jni.c  ->  kms-bench/target/native/libronkms_sodium.so
# Never part of the Maven build. Needs gcc, a JDK (for jni.h) and the libsodium23 runtime
# package (libsodium.so.23; the -dev headers are not needed).
#   JAVA_HOME  the JDK whose headers to use (default: the JDK of the javac on the PATH)
#   LIBSODIUM  libsodium.so.23 to link against (default: the system's)
#   CC         the C compiler (default: gcc)
# `./mvnw clean` deletes the shim with the rest of target/; run this again after it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
module="$(dirname "$here")"
src="$module/src/main/native/sodium_jni.c"
out_dir="$module/target/native"
out="$out_dir/libronkms_sodium.so"
cc="${CC:-gcc}"

die() {
  echo "build-libsodium-shim: $*" >&2
  exit 1
}

command -v "$cc" >/dev/null 2>&1 || die "no C compiler '$cc' (apt-get install -y gcc, or set CC)"

# libsodium.so.23: LIBSODIUM, else the multiarch directory, else what the loader knows.
lib="${LIBSODIUM:-}"
if [ -z "$lib" ]; then
  multiarch="$("$cc" -print-multiarch 2>/dev/null || true)"
  for candidate in "/usr/lib/${multiarch:-x86_64-linux-gnu}/libsodium.so.23" \
      /usr/lib/libsodium.so.23 /usr/lib64/libsodium.so.23 /usr/local/lib/libsodium.so.23; do
    if [ -e "$candidate" ]; then
      lib="$candidate"
      break
    fi
  done
  if [ -z "$lib" ] && command -v ldconfig >/dev/null 2>&1; then
    lib="$(ldconfig -p 2>/dev/null | awk '/libsodium\.so\.23 / {print $NF; exit}')"
  fi
fi
if [ -z "$lib" ] || [ ! -e "$lib" ]; then
  die "libsodium.so.23 not found${LIBSODIUM:+ at LIBSODIUM=$LIBSODIUM}: install it with
  apt-get install -y libsodium23
(Debian/Ubuntu; libsodium 1.0.18), or set LIBSODIUM=/path/to/libsodium.so.23"
fi

# The JDK: JAVA_HOME when it has jni.h, else the JDK of the javac on the PATH.
jdk=""
if [ -n "${JAVA_HOME:-}" ]; then
  [ -f "$JAVA_HOME/include/jni.h" ] || die "JAVA_HOME=$JAVA_HOME has no include/jni.h (a JRE, not a JDK?)"
  jdk="$JAVA_HOME"
elif command -v javac >/dev/null 2>&1; then
  jdk="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
fi
[ -n "$jdk" ] && [ -f "$jdk/include/jni.h" ] \
  || die "no JDK with include/jni.h found: set JAVA_HOME to a JDK (17 or later)"
[ -f "$src" ] || die "$src: no such file"

mkdir -p "$out_dir"
# -z defs: every symbol must resolve (against libsodium.so.23) at link time, not at load time.
# DT_NEEDED is the soname libsodium.so.23; the rpath finds it where it was linked from.
"$cc" -shared -fPIC -O2 -std=c11 -Wall -Wextra -Werror \
  -I"$jdk/include" -I"$jdk/include/linux" \
  -o "$out" "$src" "$lib" \
  -Wl,-z,defs -Wl,-rpath,"$(dirname "$(readlink -f "$lib")")"
echo "build-libsodium-shim: built $out"
echo "  against $lib ($(readlink -f "$lib")), JNI headers of $jdk"
echo "  run the comparison: ./kms bench --native-only   (or --native: with the headline benches)"
