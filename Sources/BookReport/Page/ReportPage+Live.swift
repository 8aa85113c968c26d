import RLSupport

/// The live view: while a book runs, the report's banner names the running cell and its progress,
/// and the page reloads itself every few seconds, keeping the reader's scroll position (it is saved
/// in `sessionStorage`, which works for `file://` pages). Reloading pauses while an animation plays
/// or the reader has paused it; the final report has neither banner nor script.
extension ReportPage {
    func liveParagraphs(_ live: LiveState) -> [String] {
        let zh = report.lang == "zh"
        var cell = (zh ? "正在运行单元 " : "Running cell ") + "<a href=\"#\(HTML.escape(anchor(ofCellNamed: live.cell) ?? ""))\"><code>" + HTML.escape(live.cell) + "</code></a>"
        cell += " (\(live.position)/\(live.count)), " + HTML.escape(Self.duration(live.cellSeconds)) + (zh ? "。" : " so far.")
        var lines = [cell]
        if let p = live.progress {
            let frac = p.total > 0 ? min(1, Double(p.done) / Double(p.total)) : 0
            var text = "\(NumberText.grouped(p.done)) / \(NumberText.grouped(p.total)) \(p.unit) · \(NumberText.grouped(Int(p.perSecond.isFinite ? p.perSecond : 0))) \(p.unit)/s"
            if let eta = p.eta, eta.isFinite { text += " · " + (zh ? "剩余约 " : "about ") + Self.duration(eta) + (zh ? "" : " left") }
            lines.append("<progress class=\"rl-live-progress\" max=\"1\" value=\"\(NumberText.trimmed(frac, 4))\"></progress> <span class=\"rl-mono\">" + HTML.escape(text) + "</span>")
        }
        let pause = zh ? "暂停自动刷新" : "Pause refreshing"
        lines.append("<span class=\"rl-live-meta\" data-written=\"\(Int(live.writtenAt))\">" + HTML.escape(zh ? "每 \(live.refreshSeconds) 秒刷新。" : "This page refreshes every \(live.refreshSeconds) s.")
                     + "</span> <button type=\"button\" class=\"rl-live-toggle\" data-pause=\"\(HTML.escape(pause))\" data-resume=\"\(HTML.escape(zh ? "恢复自动刷新" : "Resume refreshing"))\">" + HTML.escape(pause) + "</button>")
        return lines
    }

    static let liveCSS = """
    .rl-live-progress { width: 12rem; vertical-align: middle; }
    .rl-live-meta { font-size: .85em; opacity: .8; }
    .rl-live-toggle { font: inherit; font-size: .85em; }
    """

    /// Reload every `refreshSeconds` unless paused or an animation plays; restore the scroll position.
    static func liveScript(refreshSeconds: Int) -> String {
        """
        (function () {
          var key = 'rlbook-scroll:' + location.pathname;
          try {
            var saved = sessionStorage.getItem(key);
            if (saved) { window.scrollTo(0, parseInt(saved, 10) || 0); }
          } catch (e) {}
          var paused = false;
          try { paused = sessionStorage.getItem(key + ':paused') === '1'; } catch (e) {}
          var button = document.querySelector('.rl-live-toggle');
          function label() { if (button) { button.textContent = paused ? button.dataset.resume : button.dataset.pause; } }
          label();
          if (button) {
            button.addEventListener('click', function () {
              paused = !paused;
              try { sessionStorage.setItem(key + ':paused', paused ? '1' : '0'); } catch (e) {}
              label();
            });
          }
          var meta = document.querySelector('.rl-live-meta');
          function playing() {
            return Array.prototype.some.call(document.querySelectorAll('[data-rlbook-player]'), function (p) { return p.hasAttribute('data-playing'); });
          }
          setInterval(function () {
            if (meta) {
              var age = Math.max(0, Math.round(Date.now() / 1000 - parseInt(meta.dataset.written, 10)));
              meta.title = 'written ' + age + ' s ago';
            }
          }, 1000);
          setTimeout(function tick() {
            if (paused || playing()) { setTimeout(tick, \(max(1, refreshSeconds)) * 1000); return; }
            try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
            location.reload();
          }, \(max(1, refreshSeconds)) * 1000);
        })();
        """
    }
}
