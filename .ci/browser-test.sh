#!/usr/bin/env bash
# End-to-end check of a generated report in a real browser (Chromium driven by Playwright).
#
# Usage: .ci/browser-test.sh [REPORT_DIR [--prose]]
#        .ci/browser-test.sh --live RLBOOK_BINARY
#   REPORT_DIR defaults to .build/browser-report, written by the Swift test
#   `mediaReportForTheBrowserTest` (run here when the folder is missing).
#   --live runs Tests/EndToEndTests/Books/live.md with RLBOOK_BINARY and checks the report while it
#   runs (banner, refresh, scroll position kept) and after (final, chart updated in place shown once).
# Installs Debian's `chromium` (apt-get) and Playwright (PyPI, into .build/venv-browser) when missing;
# Playwright drives the system Chromium, so `playwright install` is never needed.
# Exits 0 with "skipped: ..." when the browser cannot be installed (e.g. no network), non-zero when a check fails.
# The screenshot is kept at .build/browser-artifacts/report.png.
set -uo pipefail
cd "$(dirname "$0")/.."

LIVE_BIN=""
if [ "${1:-}" = "--live" ]; then LIVE_BIN="${2:?--live needs the rlbook binary}"; set -- .build/browser-live; fi
REPORT="${1:-.build/browser-report}"
ARTIFACTS=.build/browser-artifacts
VENV=.build/venv-browser
CHROMIUM="${CHROMIUM:-}"

skip() { echo "skipped: $*"; exit 0; }

if [ -z "$LIVE_BIN" ] && [ ! -f "$REPORT/index.html" ]; then
    if [ "$REPORT" = ".build/browser-report" ]; then
        echo "generating $REPORT with the Swift test mediaReportForTheBrowserTest"
        swift test --filter mediaReportForTheBrowserTest >/dev/null || { echo "error: could not generate the test report"; exit 1; }
    fi
    [ -f "$REPORT/index.html" ] || { echo "error: no index.html in $REPORT"; exit 1; }
fi

# 1. Chromium (Debian package).
if [ -z "$CHROMIUM" ]; then
    for c in /usr/bin/chromium /usr/bin/chromium-browser; do [ -x "$c" ] && CHROMIUM="$c" && break; done
fi
if [ -z "$CHROMIUM" ]; then
    command -v apt-get >/dev/null || skip "chromium is not installed and apt-get is not available"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo -n"
    echo "installing chromium (apt-get)"
    if ! ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium) >/tmp/rlbook-apt-chromium.log 2>&1; then
        tail -5 /tmp/rlbook-apt-chromium.log
        skip "could not install chromium with apt-get (no network or no permission); see /tmp/rlbook-apt-chromium.log"
    fi
    CHROMIUM=/usr/bin/chromium
    [ -x "$CHROMIUM" ] || skip "chromium installed but /usr/bin/chromium is missing"
fi

# 2. Playwright (PyPI) in a private venv.
if ! "$VENV/bin/python" -c "import playwright" 2>/dev/null; then
    command -v python3 >/dev/null || skip "python3 is not available for Playwright"
    echo "installing playwright into $VENV"
    if ! (python3 -m venv "$VENV" && "$VENV/bin/pip" install -q playwright) >/tmp/rlbook-pip-playwright.log 2>&1; then
        tail -5 /tmp/rlbook-pip-playwright.log
        skip "could not install playwright from PyPI (no network?); see /tmp/rlbook-pip-playwright.log"
    fi
fi

mkdir -p "$ARTIFACTS"
if [ -n "$LIVE_BIN" ]; then
    exec "$VENV/bin/python" Tests/Browser/check_live.py "$LIVE_BIN" Tests/EndToEndTests/Books/live.md "$REPORT" --chromium "$CHROMIUM" --screenshot "$ARTIFACTS/live.png"
fi
shift || true
exec "$VENV/bin/python" Tests/Browser/check_report.py "$REPORT" --chromium "$CHROMIUM" --screenshot "$ARTIFACTS/report.png" "$@"
