#!/usr/bin/env bash
# Media benchmark: our PNG / DEFLATE / GIF / player against Python's zlib (level 6) and Pillow.
# Prints `name: rlbook X unit, peer Y unit, ratio Z` lines. Usage: Benchmarks/media/run.sh [FRAMES]
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-1000}"
B=.build/media-bench
SRC="$B/src"
rm -rf "$SRC"; mkdir -p "$SRC"
# One module from the sources (the package has no benchmark target): drop the cross-module imports.
for f in Sources/RLSupport/*.swift Sources/RLRender/*.swift Sources/BookReport/Output.swift Sources/BookReport/HTML.swift \
         Sources/BookReport/ReportAssets.swift Sources/BookReport/Media/*.swift Tests/RLRenderTests/SyntheticFrames.swift; do
    sed -E '/^(@testable )?import (RLSupport|RLRender|BookReport)$/d' "$f" > "$SRC/$(basename "$(dirname "$f")")_$(basename "$f")"
done
cp Benchmarks/media/main.swift "$SRC/main.swift"
echo "building (swiftc -O) ..." >&2
FLAGS=""; [ "$(uname -m)" = x86_64 ] && FLAGS="-target-cpu haswell"
swiftc -O -wmo -enforce-exclusivity=unchecked $FLAGS -module-name MediaBench "$SRC"/*.swift -o "$B/media-bench" 2>&1 | grep -v warning | grep -E "error" && exit 1
"$B/media-bench" "$B" "$N" > "$B/swift.txt"

# Python peers: a private venv with Pillow when it can be installed (zlib alone otherwise).
PY=python3
if [ ! -x "$B/venv/bin/python" ]; then
    (python3 -m venv "$B/venv" && "$B/venv/bin/pip" install -q pillow) >/dev/null 2>&1 || echo "note: Pillow not installed (no network?); zlib-only peers" >&2
fi
[ -x "$B/venv/bin/python" ] && PY="$B/venv/bin/python"

"$PY" - "$B" "$N" <<'PYEOF'
import sys, zlib, time, struct, os
B, N = sys.argv[1], int(sys.argv[2])
s = dict(l.split() for l in open(f"{B}/swift.txt"))
s = {k: float(v) for k, v in s.items()}
W = H = 96
stride = W * 3 + 1
filtered = open(f"{B}/filtered.bin", "rb").read()
frames = open(f"{B}/frames.rgb", "rb").read()
fsize = stride * H
t = time.perf_counter()
zsize = sum(len(zlib.compress(filtered[i*fsize:(i+1)*fsize], 6)) + 57 for i in range(N))  # + PNG chunk overhead
ztime = time.perf_counter() - t

def line(name, ours, peer, unit):
    print(f"{name}: rlbook {ours:.4g} {unit}, peer {peer:.4g} {unit}, ratio {ours/peer:.3f}")

# Our PNGs decode with zlib to the exact filtered rows, and with Pillow (if present) to the exact pixels.
for i in [0, N // 2, N - 1]:
    png = open(f"{B}/frame-{i}.png", "rb").read()
    pos, idat = 8, b""
    while pos < len(png):
        n, = struct.unpack(">I", png[pos:pos+4]); typ = png[pos+4:pos+8]
        assert struct.unpack(">I", png[pos+8+n:pos+12+n])[0] == zlib.crc32(png[pos+4:pos+8+n]) & 0xffffffff
        if typ == b"IDAT": idat += png[pos+8:pos+8+n]
        pos += 12 + n
    assert zlib.decompress(idat) == filtered[i*fsize:(i+1)*fsize], f"frame {i}: zlib decode differs"
try:
    from PIL import Image
    import io
    for i in [0, N // 2, N - 1]:
        im = Image.open(f"{B}/frame-{i}.png"); im.load()
        assert im.tobytes() == frames[i*W*H*3:(i+1)*W*H*3], f"Pillow decodes frame {i} differently"
    g = Image.open(f"{B}/anim.gif")
    gif_frames = getattr(g, "n_frames", 1)
    print(f"# Pillow decodes our PNGs exactly; our GIF has {gif_frames} frames, loop={g.info.get('loop')}")
    have_pil = True
except ImportError:
    print("# zlib decodes our PNG data exactly (Pillow not available)")
    have_pil = False

line("png size (1000 CarRacing-like 96x96 frames) vs zlib level 6 on the same filtered rows",
     s["png_total_bytes"] / 1e3, zsize / 1e3, "kB")
line("png encode time (filter + deflate + chunks), vs zlib.compress level 6 alone",
     s["png_encode_s"], ztime, "s")
if have_pil:
    t = time.perf_counter()
    pil_png = 0
    for i in range(N):
        buf = io.BytesIO()
        Image.frombytes("RGB", (W, H), frames[i*W*H*3:(i+1)*W*H*3]).save(buf, "PNG", compress_level=6)
        pil_png += buf.tell()
    ptime = time.perf_counter() - t
    line("png size vs Pillow PNG (compress_level 6)", s["png_total_bytes"] / 1e3, pil_png / 1e3, "kB")
    line("png encode time vs Pillow PNG", s["png_encode_s"], ptime, "s")
    t = time.perf_counter()
    ims = [Image.frombytes("RGB", (W, H), frames[i*W*H*3:(i+1)*W*H*3]) for i in range(N)]
    buf = io.BytesIO()
    ims[0].save(buf, "GIF", save_all=True, append_images=ims[1:], duration=20, loop=0)
    gtime = time.perf_counter() - t
    line("gif size (1000 frames, 50 fps) vs Pillow GIF", s["gif_bytes"] / 1e3, buf.tell() / 1e3, "kB")
    line("gif encode time vs Pillow GIF", s["gif_encode_s"], gtime, "s")
    # Our 1000-frame GIF decodes to the exact frames (the palette is exact for these frames).
    g = Image.open(f"{B}/anim.gif")
    for i in [0, N // 2, N - 1]:
        g.seek(i)
        assert g.convert("RGB").tobytes() == frames[i*W*H*3:(i+1)*W*H*3], f"GIF frame {i} differs"
    # Quality where the palette is lossy: PSNR over 30 many-colour frames.
    import math
    shaded = open(f"{B}/shaded.rgb", "rb").read()
    def psnr(gif_bytes_or_path):
        g = Image.open(gif_bytes_or_path)
        se = 0
        for i in range(30):
            g.seek(i)
            got = g.convert("RGB").tobytes()
            ref = shaded[i*W*H*3:(i+1)*W*H*3]
            se += sum((a - b) * (a - b) for a, b in zip(got, ref))
        mse = se / len(shaded)
        return 10 * math.log10(255 * 255 / mse)
    ims = [Image.frombytes("RGB", (W, H), shaded[i*W*H*3:(i+1)*W*H*3]) for i in range(30)]
    buf = io.BytesIO()
    ims[0].save(buf, "GIF", save_all=True, append_images=ims[1:], duration=40, loop=0)
    buf.seek(0)
    line("gif quality, many-colour frames, PSNR vs Pillow GIF", psnr(f"{B}/shaded.gif"), psnr(buf), "dB")
    line("gif quality with Floyd-Steinberg, PSNR vs Pillow GIF", psnr(f"{B}/shaded-dither.gif"), psnr(buf), "dB")
    line("gif size, many-colour frames vs Pillow GIF", os.path.getsize(f"{B}/shaded.gif") / 1e3, buf.getbuffer().nbytes / 1e3, "kB")
else:
    print(f"gif size (1000 frames): rlbook {s['gif_bytes']/1e3:.4g} kB, peer n/a, ratio n/a")
raw_mb = N * W * H * 3 / 1e6
line("player html size (1000 frames 96x96) vs raw RGB bytes", s["player_bytes"] / 1e6, raw_mb, "MB")
line("player encode time (1000 frames, wall) vs 1 s target", s["player_encode_s"], 1.0, "s")
line("player encode time (1000 frames, CPU) vs 1 s target", s["player_encode_cpu_s"], 1.0, "s")
line("deflate-only time (1000 frames) vs zlib level 6", s["deflate_filter_s"], ztime, "s")
PYEOF
