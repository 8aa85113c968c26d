# Sourced by the tensor benchmarks: builds RLNN in release and links one benchmark program
# against its objects (and RLTensor's, RLTensorAVX512's, RLSupport's).
# Usage: link_bench Benchmarks/tensor/X/main.swift NAME   (the program is .build/tensor-bench/NAME)
link_bench() {
  OUT=${OUT:-.build/tensor-bench}
  mkdir -p "$OUT"
  swift build -c release --target RLNN >/dev/null
  local bin flags=()
  bin=$(swift build -c release --show-bin-path)
  [ "$(uname -m)" = "x86_64" ] && flags=(-target-cpu haswell)
  swiftc -O "${flags[@]}" "$1" \
    "$bin"/RLNN.build/*.o "$bin"/RLTensor.build/*.o "$bin"/RLTensorAVX512.build/*.o "$bin"/RLSupport.build/*.o \
    -I "$bin/Modules" -o "$OUT/$2"
}
