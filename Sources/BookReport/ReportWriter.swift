import RLSupport

/// Turns a `Report` into one self-contained `index.html` (plus assets) and writes it atomically.
///
/// PLACEHOLDER until the report issue lands.
public struct ReportWriter {
    public init() {}

    /// The HTML page for a report; media renderers add files to `assets`.
    public func html(_ report: Report, assets: ReportAssets) -> String {
        "<!doctype html><html lang=\"\(report.lang)\"><meta charset=\"utf-8\"><title>\(HTML.escape(report.title))</title><body><h1>\(HTML.escape(report.title))</h1></body></html>"
    }

    /// Writes `index.html` and its assets into `directory` (created if needed), each file atomically.
    public func write(_ report: Report, to directory: String) throws {
        let assets = ReportAssets()
        let page = html(report, assets: assets)
        try FileIO.createDirectory(directory)
        for file in assets.files { try FileIO.writeAtomically(file.bytes, to: directory + "/" + file.name) }
        try FileIO.writeAtomically(page, to: directory + "/index.html")
    }
}
