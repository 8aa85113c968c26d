/// The largest N among the entries `<logName>_N` of `logPath` (0 if none), as SB3's
/// `get_latest_run_id` (stable_baselines3/common/utils.py): the part after the last "_" must be
/// all digits and the part before it must equal `logName`.
public func latestRunID(logPath: String, logName: String) -> Int {
    var latest = 0
    for name in LogFiles.listDirectory(logPath) where name.hasPrefix(logName + "_") && !name.hasPrefix(".") {
        guard let underscore = name.lastIndex(of: "_") else { continue }
        let ext = name[name.index(after: underscore)...]
        guard String(name[..<underscore]) == logName, !ext.isEmpty, ext.allSatisfy({ $0.isASCII && $0.isNumber }),
              let id = Int(ext), id > latest else { continue }
        latest = id
    }
    return latest
}

/// The folder of the next TensorBoard run, as SB3's `configure_logger`:
/// `<tensorboardLog>/<prefix>_<latest run id + 1>` (`runs/DQN_1`, then `runs/DQN_2`, ...).
public func nextRunDirectory(tensorboardLog: String, prefix: String) -> String {
    LogFiles.join(tensorboardLog, "\(prefix)_\(latestRunID(logPath: tensorboardLog, logName: prefix) + 1)")
}
