#!/usr/bin/env bash
# lockspec's one entry point.
#   ./build.sh        install what is missing, build, compile rules/ into generated/
#   ./build.sh test   the above, then the whole test suite through ctest
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the build and tests need (see README "Dependencies" for why each is here).
PKGS=(cmake ninja-build pkg-config g++ clang llvm-14-tools libclang-rt-14-dev
      clang-19 libclang-rt-19-dev
      libgtest-dev libbenchmark-dev libcli11-dev
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

build() {
  install_missing "${PKGS[@]}"
  install_grammars
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
  cmake --build build
  build/bin/lockspec compile rules/mm.rules -o generated/ -d build/generated.d
  echo "build.sh: compiled rules/mm.rules into generated/ ($(find generated -type f | wc -l) files)"
  # The `docs` target (in ALL) built the site from rules/ during `cmake --build`.
  echo "build.sh: docs site at build/docs/html/index.html"
}

case "${1:-}" in
  "") build ;;
  test)
    build
    ctest --test-dir build --output-on-failure -j2
    ;;
  *) echo "usage: ./build.sh [test]" >&2; exit 2 ;;
esac
