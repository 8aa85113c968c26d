import RLRender

/// Receives each recorded video's frames as they are rendered (writing files, encoding a player),
/// so that a `RecordVideo` with a sink holds no frames itself.
public protocol VideoSink: AnyObject {
    func beginVideo(name: String, fps: Int) throws
    func appendFrame(_ frame: RGBImage) throws
    func endVideo()
}

/// Records rendered frames of selected episodes (Gymnasium's `RecordVideo`). Without a `sink` the
/// frames are kept in `videos` (the runtime saves or animates them); with one, they stream to it.
/// Needs `renderMode == "rgb_array"`.
///
/// The default trigger records episodes 0, 1, 8, 27, ... (perfect cubes below 1000), then every
/// 1000th (`capped_cubic_video_schedule`). `videoLength > 0` cuts a video after that many frames.
public final class RecordVideo: Wrapper {
    /// A finished recording.
    public struct Video: Sendable {
        public var name: String
        public var frames: [RGBImage]
        public var fps: Int
    }

    public let namePrefix: String
    public let videoLength: Int
    public let fps: Int
    let episodeTrigger: ((Int) -> Bool)?
    let stepTrigger: ((Int) -> Bool)?
    /// Finished videos, oldest first.
    public private(set) var videos: [Video] = []
    /// Frames of the video being recorded.
    public private(set) var recordedFrames: [RGBImage] = []
    public private(set) var episodeId = -1
    public private(set) var stepId = -1
    var recording = false
    var currentName = ""
    /// Where frames go as they are rendered (nil: kept in `videos`).
    public var sink: VideoSink?
    /// Frames of the video being recorded so far.
    public private(set) var framesInVideo = 0

    /// Gymnasium's `capped_cubic_video_schedule`.
    public static func cappedCubicSchedule(_ episode: Int) -> Bool {
        if episode < 1000 {
            let r = Int((Double(episode)).squareRoot().squareRoot().rounded())
            for k in max(0, r - 3)...(r + 10) where k * k * k == episode { return true }
            return false
        }
        return episode % 1000 == 0
    }

    public init(_ env: Env, episodeTrigger: ((Int) -> Bool)? = nil, stepTrigger: ((Int) -> Bool)? = nil,
                videoLength: Int = 0, namePrefix: String = "rl-video", fps: Int? = nil) throws {
        guard env.renderMode == "rgb_array" else {
            throw EnvError.error("Render mode is \(env.renderMode ?? "None"), which is incompatible with RecordVideo. Initialize your environment with a render_mode that returns an image, such as rgb_array.")
        }
        self.episodeTrigger = episodeTrigger ?? (stepTrigger == nil ? RecordVideo.cappedCubicSchedule : nil)
        self.stepTrigger = stepTrigger
        self.videoLength = videoLength
        self.namePrefix = namePrefix
        self.fps = fps ?? env.metadata.renderFps ?? 30
        super.init(env)
    }

    func captureFrame() throws {
        guard let frame = try env.render() else { return }
        framesInVideo += 1
        if let sink { try sink.appendFrame(frame) } else { recordedFrames.append(frame) }
    }

    func startVideo(_ name: String) throws {
        stopVideo()
        recording = true
        currentName = name
        framesInVideo = 0
        try sink?.beginVideo(name: name, fps: fps)
        try captureFrame()
    }

    /// Finishes the current video (also called on `close`).
    public func stopVideo() {
        if recording {
            if let sink { sink.endVideo() } else if !recordedFrames.isEmpty { videos.append(Video(name: currentName, frames: recordedFrames, fps: fps)) }
        }
        recordedFrames = []
        recording = false
        framesInVideo = 0
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        let r = try env.reset(seed: seed, options: options)
        episodeId += 1
        if recording && videoLength == 0 { stopVideo() }
        if let t = episodeTrigger, t(episodeId) {
            try startVideo("\(namePrefix)-episode-\(episodeId)")
        } else if recording {
            try captureFrame()
        }
        return r
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        let r = try env.step(action)
        stepId += 1
        if let t = stepTrigger, t(stepId), !recording { try startVideo("\(namePrefix)-step-\(stepId)") }
        if recording {
            try captureFrame()
            if videoLength > 0 && framesInVideo > videoLength { stopVideo() }
        }
        return r
    }

    public override func close() {
        stopVideo()
        env.close()
    }
}

/// Collects every rendered frame since the last `reset` (Gymnasium `RenderCollection`, `rgb_array_list`).
public final class RenderCollection: Wrapper {
    public private(set) var frames: [RGBImage] = []
    public let popFrames: Bool
    public let resetClean: Bool

    public init(_ env: Env, popFrames: Bool = true, resetClean: Bool = true) {
        self.popFrames = popFrames
        self.resetClean = resetClean
        super.init(env)
    }

    @discardableResult
    public override func reset(seed: Int? = nil, options: EnvOptions? = nil) throws -> ResetResult {
        let r = try env.reset(seed: seed, options: options)
        if resetClean { frames = [] }
        if let f = try env.render() { frames.append(f) }
        return r
    }

    public override func step(_ action: EnvValue) throws -> StepResult {
        let r = try env.step(action)
        if let f = try env.render() { frames.append(f) }
        return r
    }

    /// All frames collected so far (cleared when `popFrames`).
    public func renderFrames() -> [RGBImage] {
        let f = frames
        if popFrames { frames = [] }
        return f
    }
}
