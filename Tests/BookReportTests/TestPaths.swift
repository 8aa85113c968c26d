import RLSupport
import TestSupport

/// This target's snapshots: Tests/BookReportTests/Snapshots (`RLBOOK_RECORD_SNAPSHOTS=1` re-records).
let snapshotDirectory = Snapshot.directory()

/// The package root (three levels above this file).
func packageRoot(filePath: String = #filePath) -> String {
    FileIO.parentDirectory(of: FileIO.parentDirectory(of: FileIO.parentDirectory(of: filePath)))
}
