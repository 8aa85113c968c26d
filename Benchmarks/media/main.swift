// Media benchmark driver, compiled by Benchmarks/media/run.sh together with the RLRender and
// BookReport media sources (single module). Writes sample data for the Python peers and prints
// `key value` lines that run.sh turns into comparison lines.
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU time of this process (robust when other jobs share the machine).
func cpu() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let out = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : ".build/media-bench"
let count = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 1000 : 1000
try FileIO.createDirectory(out)
let frames = (0..<count).map { SyntheticFrames.carRacing($0) }

// PNG: encode every frame.
var t0 = now()
var pngs: [[UInt8]] = []
for f in frames { pngs.append(PNGEncoder.encode(f)) }
let pngTime = now() - t0
print("png_encode_s \(pngTime)")
print("png_total_bytes \(pngs.reduce(0) { $0 + $1.count })")
// Filtered rows and raw frames for the peers (same filter choice, so zlib compresses the same bytes).
var filtered: [UInt8] = []
var raw: [UInt8] = []
for f in frames { filtered += PNGEncoder.filterRows(f); raw += f.pixels }
try FileIO.writeAtomically(filtered, to: out + "/filtered.bin")
try FileIO.writeAtomically(raw, to: out + "/frames.rgb")
for i in [0, count / 2, count - 1] { try FileIO.writeAtomically(pngs[i], to: out + "/frame-\(i).png") }

// GIF of all frames.
t0 = now()
let gif = try GIFEncoder.encode(frames: frames, fps: 50)
print("gif_encode_s \(now() - t0)")
print("gif_bytes \(gif.count)")
try FileIO.writeAtomically(gif, to: out + "/anim.gif")

// Player HTML for all frames.
t0 = now()
let c0 = cpu()
let html = MediaHTML.animation(Animation(frames: frames, fps: 50), assets: ReportAssets())
print("player_encode_s \(now() - t0)")
print("player_encode_cpu_s \(cpu() - c0)")
print("player_bytes \(html.utf8.count)")
try FileIO.writeAtomically(MediaHTML.page(title: "player", body: html), to: out + "/player.html")

// Deflate alone on the filtered rows (compressor speed).
t0 = now()
var z = 0
for f in frames { z += Deflate.zlib(PNGEncoder.filterRows(f)).count }
print("deflate_filter_s \(now() - t0)")

// Breakdown: filtering alone, and hashing frames (player de-duplication).
t0 = now()
var fsum = 0
for f in frames { fsum += PNGEncoder.filterRows(f).count }
print("filter_only_s \(now() - t0)")
let filteredFrames = frames.map { PNGEncoder.filterRows($0) }
t0 = now()
for f in filteredFrames { z += Deflate.zlib(f).count }
print("deflate_only_s \(now() - t0)")

// GIF quality on many-colour frames (smooth shading, ~10k colours): palette is lossy here.
var shaded: [RGBImage] = []
for t in 0..<30 {
    var im = RGBImage(width: 96, height: 96, channels: 3)
    for y in 0..<96 { for x in 0..<96 {
        let dx = Double(x) - 48 - 20 * cos(Double(t) / 5), dy = Double(y) - 48 - 20 * sin(Double(t) / 5)
        let r = (dx * dx + dy * dy).squareRoot()
        let i = (y * 96 + x) * 3
        im.pixels[i] = UInt8(max(0, min(255, 255 - r * 3)))
        im.pixels[i + 1] = UInt8((x * 2 + t * 3) % 256)
        im.pixels[i + 2] = UInt8(max(0, min(255, 80 + Double(y) * 1.5)))
    } }
    shaded.append(im)
}
try FileIO.writeAtomically(shaded.flatMap(\.pixels), to: out + "/shaded.rgb")
try FileIO.writeAtomically(try GIFEncoder.encode(frames: shaded, fps: 25), to: out + "/shaded.gif")
try FileIO.writeAtomically(try GIFEncoder.encode(frames: shaded, fps: 25, dither: true), to: out + "/shaded-dither.gif")
