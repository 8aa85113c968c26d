#!/usr/bin/env python3
"""Checks a live report in Chromium (Playwright) while rlbook runs a book, then the final report.

While the book runs: the page shows the running banner naming the cell, reloads itself every few
seconds, and keeps the reader's scroll position across reloads. After the run: no banner, no more
reloads, and the chart the cell updated 20-odd times in place appears once and is visible.

Usage: check_live.py RLBOOK_BINARY BOOK OUT_DIR [--chromium /usr/bin/chromium] [--screenshot PATH]
Exit status: 0 all checks passed, 1 a check failed, 2 the run could not be started.
"""
import argparse
import os
import subprocess
import sys
import time

from playwright.sync_api import sync_playwright


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rlbook")
    ap.add_argument("book")
    ap.add_argument("out_dir")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--screenshot", default=".build/browser-artifacts/live.png")
    args = ap.parse_args()
    failures = []

    def check(ok, message):
        print(("ok:   " if ok else "FAIL: ") + message)
        if not ok:
            failures.append(message)

    index = os.path.abspath(os.path.join(args.out_dir, "index.html"))
    if os.path.exists(index):
        os.remove(index)

    console_errors, page_errors = [], []
    with sync_playwright() as p:
        # The browser starts before the run: on a loaded machine Chromium can take seconds to start,
        # and the live page must still be live (the cell still running) when it is first loaded.
        browser = p.chromium.launch(executable_path=args.chromium, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        page = browser.new_page(viewport={"width": 1000, "height": 600})
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page_errors.append(str(e)))
        run = subprocess.Popen([args.rlbook, "run", args.book, "--out", args.out_dir, "--quiet", "-p", "seconds=20"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 60
        while time.time() < deadline and not (os.path.exists(index) and "rl-banner-running" in open(index, encoding="utf-8").read()):
            time.sleep(0.1)
        if not os.path.exists(index):
            run.kill()
            browser.close()
            print("error: the live report was never written")
            return 2

        page.goto("file://" + index, wait_until="load")
        banner = page.query_selector("#rl-banner.rl-banner-running")
        check(banner is not None, "the live report shows the running banner")
        check(banner is not None and "grow" in banner.inner_text(), "the banner names the running cell")
        # Scroll down, mark this page, and wait for the reload.
        page.evaluate("window.scrollTo(0, 700)")
        page.wait_for_timeout(200)
        before = page.evaluate("window.scrollY")
        page.evaluate("window.__rlbookMarker = 1")
        reloaded = False
        for _ in range(100):
            page.wait_for_timeout(100)
            try:
                if page.evaluate("window.__rlbookMarker === undefined"):
                    reloaded = True
                    break
            except Exception:
                pass  # navigating
        check(reloaded, "the page reloaded itself within 10 s")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        after = page.evaluate("window.scrollY")
        check(before > 0 and abs(after - before) <= 2, f"the scroll position survived the reload ({before} -> {after})")

        code = run.wait(timeout=120)
        check(code == 0, f"the run succeeded (exit {code})")
        page.goto("file://" + index, wait_until="load")
        page.evaluate("window.__rlbookMarker = 2")
        check(page.query_selector("#rl-banner.rl-banner-running") is None, "the final report has no running banner")
        page.wait_for_timeout(5000)
        check(page.evaluate("window.__rlbookMarker === 2"), "the final report does not reload")
        figures = page.query_selector_all("#grow figure.rl-plot")
        check(len(figures) == 1, f"the chart updated in place appears once ({len(figures)})")
        svg = page.query_selector("#grow svg.rl-plot-svg")
        box = svg.bounding_box() if svg else None
        check(box is not None and box["width"] > 50 and box["height"] > 50, "the chart is visible")
        page.screenshot(path=args.screenshot, full_page=True)
        browser.close()
    check(not console_errors, f"no console errors {console_errors[:3]}")
    check(not page_errors, f"no page errors {page_errors[:3]}")
    print(f"{len(failures)} check(s) failed" if failures else "all live-report checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
