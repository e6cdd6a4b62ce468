#!/usr/bin/env bash
# lockspec's one entry point.
#   ./build.sh        install what is missing; build the compiler, the checker and the docs
#                     site; compile rules/ into generated/
#   ./build.sh test   the above plus the tests, fuzzers and benchmarks; then the whole suite
#                     through ctest
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the build and tests need (see README "Dependencies" for why each is here).
PKGS=(cmake ninja-build pkg-config g++ clang llvm-14-tools libclang-rt-14-dev
      clang-19 libclang-rt-19-dev
      libgtest-dev libbenchmark-dev libcli11-dev liburcu-dev
      libtree-sitter-dev
      python3-dev pybind11-dev python3-sphinx python3-breathe doxygen graphviz
      chromium fonts-dejavu-core)

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "build.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=300 update -qq
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# The tree-sitter grammar sources come from npm (package-lock.json pins them); install scripts
# are never run, CMake compiles the grammar's parser.c itself.
install_grammars() {
  if [[ ! -f node_modules/tree-sitter-c/src/parser.c ]]; then
    # Machines whose Node.js comes with npm keep theirs; others get Debian's.
    command -v npm >/dev/null || install_missing nodejs npm
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
}

# `./build.sh` builds what a user needs: the compiler and checker (build/bin/lockspec), the
# Python module, generated/ and the docs site.  `./build.sh test` also builds the tests,
# fuzzers, benchmarks and the reference core (LOCKSPEC_BUILD_TESTS) and runs ctest.
build() {
  local tests=$1
  install_missing "${PKGS[@]}"
  install_grammars
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DLOCKSPEC_BUILD_TESTS="$tests" >/dev/null
  # The compiler first: generated/ must be current before the site renders its headers.
  cmake --build build --target lockspec
  local stamp
  stamp=$(mktemp)
  build/bin/lockspec compile rules/mm.rules -o generated/ -d build/generated.d
  rewritten=$(find generated -type f -newer "$stamp" | wc -l)
  rm -f "$stamp"
  cmake --build build
}

summary() {
  echo "build.sh: done in ${SECONDS}s"
  echo "  compiler and checker  build/bin/lockspec  (lockspec compile --help, lockspec check --help)"
  echo "  C++ headers           generated/include   (#include \"lockspec/mm_locks.h\", -std=c++17)"
  echo "  docs site             build/docs/html/index.html"
  echo "  generated/            $rewritten file(s) rewritten from rules/"
}

case "${1:-}" in
  "")
    build OFF
    summary
    echo "  next: open the site, or see README.md for checking kernel C and using the header"
    ;;
  test)
    build ON
    ctest --test-dir build --output-on-failure -j2
    summary
    ;;
  *) echo "usage: ./build.sh [test]" >&2; exit 2 ;;
esac
