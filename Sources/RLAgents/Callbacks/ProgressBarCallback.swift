import RLSupport

/// A terminal progress bar with steps/s and the time left (SB3's `ProgressBarCallback`), drawn on
/// standard error when it is a terminal, at most ten times a second.
public final class ProgressBarCallback: BaseCallback {
    private var lastDraw = 0.0
    private var start = 0.0
    private var total = 0
    private let interactive = isatty(2) != 0

    public override func onTrainingStart() throws {
        start = Clock.monotonic()
        total = (model?.totalTimesteps ?? 0) - (model?.numTimesteps ?? 0)
        draw(done: 0)
    }

    public override func onStep() throws -> Bool {
        let now = Clock.monotonic()
        if now - lastDraw >= 0.1 { draw(done: stepsDone) }
        return true
    }

    public override func onTrainingEnd() throws {
        draw(done: stepsDone)
        if interactive { fputs("\n", stderr) }
    }

    var stepsDone: Int { (model?.numTimesteps ?? 0) - ((model?.totalTimesteps ?? 0) - total) }

    func draw(done: Int) {
        lastDraw = Clock.monotonic()
        guard interactive else { return }
        let p = TrainingProgress(numTimesteps: done, totalTimesteps: total, elapsed: lastDraw - start)
        fputs("\r" + ProgressBarCallback.line(p), stderr)
    }

    /// `━━━━━━━━━━╺━━━━━━━━━  52% 5,200/10,000 [ 0:00:12 < 0:00:11 , 433 it/s ]`
    public static func line(_ p: TrainingProgress, width: Int = 30) -> String {
        let frac = p.totalTimesteps > 0 ? min(1, Double(p.numTimesteps) / Double(p.totalTimesteps)) : 1
        let filled = Int(frac * Double(width))
        let bar = String(repeating: "━", count: filled) + String(repeating: "╺", count: filled < width ? 1 : 0)
            + String(repeating: " ", count: max(0, width - filled - 1))
        func hms(_ s: Double) -> String {
            guard s.isFinite else { return "-:--:--" }
            let t = Int(s)
            return "\(t / 3600):\(t / 60 % 60 < 10 ? "0" : "")\(t / 60 % 60):\(t % 60 < 10 ? "0" : "")\(t % 60)"
        }
        return "\(bar) \(Int(frac * 100))% \(p.numTimesteps)/\(p.totalTimesteps) [ \(hms(p.elapsed)) < \(hms(p.eta)) , \(Int(p.stepsPerSecond)) it/s ]"
    }
}

extension BaseAlgorithm {
    /// `callback` with a progress bar added (what `progressBar: true` does).
    static func withProgressBar(_ callback: BaseCallback?) -> BaseCallback {
        guard let callback else { return ProgressBarCallback() }
        return CallbackList([callback, ProgressBarCallback()])
    }
}
