extension Env {
    /// Whether `render()` draws a frame: true for the `rgb_array` and `human` render modes. Without
    /// a render mode it warns as Gymnasium's envs do (`gym.logger.warn` in each env's `render`) and
    /// returns false. `id` names the env in the warning when it was made without a spec.
    public func rendersFrames(id: String? = nil) -> Bool {
        if renderMode == "rgb_array" || renderMode == "human" { return true }
        if renderMode == nil {
            Gym.warn("You are calling render method without specifying any render mode. You can specify the render_mode at initialization, e.g. gym.make(\"\(spec?.id ?? id ?? pythonName)\", render_mode=\"rgb_array\")")
        }
        return false
    }
}
