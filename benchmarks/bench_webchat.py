"""The web chat's answer time: from a click on an inline button to the edited message on screen.

Starts `python -m bot` as `make run` does without a token (the sandbox and its web chat beside
the bot, default settings), opens the page in headless Chromium (Debian's, no browser download),
sends /start and toggles Help ↔ main menu on the greeting. The clock runs inside the page: from
the click to the frame that shows the edited text (see MEASURE_JS in tests/browser).

    python benchmarks/bench_webchat.py [clicks]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.conftest import (
    CHROMIUM,
    LAUNCH_ARGS,
    PHONE,
    free_port,
    start_bot_process,
)
from tests.browser.test_webchat import GREETING, HELP, HELP_TITLE, MAIN_MENU, MEASURE_JS


def main(clicks: int) -> int:
    if not CHROMIUM.exists():
        print(f"skipped: {CHROMIUM} is missing (apt-get install chromium)")
        return 0
    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp())
    port = free_port()
    process = start_bot_process(workdir, port=port, LOG_LEVEL="WARNING")
    try:
        process.wait_for("is running", 120)
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                str(workdir / "profile"),
                executable_path=str(CHROMIUM),
                headless=True,
                args=LAUNCH_ARGS,
                viewport=PHONE,
                locale="ru-RU",
            )
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{port}/")
            page.locator("#start-button").click()
            greeting = page.locator(".row[data-from=bot]", has_text=GREETING).last
            greeting.wait_for()
            message_id = greeting.get_attribute("data-message-id")
            samples = []
            for i in range(clicks):
                label, expected = (HELP, HELP_TITLE) if i % 2 == 0 else (MAIN_MENU, GREETING)
                samples.append(float(page.evaluate(MEASURE_JS, [message_id, label, expected])))
                page.wait_for_timeout(300)  # a person's pace, under the bot's flood guard
            context.close()
    finally:
        process.stop()
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    print(
        f"web chat, inline button → edited message on screen: median "
        f"{statistics.median(samples):.0f} ms, p90 {p90:.0f} ms, min {ordered[0]:.0f} ms, "
        f"max {ordered[-1]:.0f} ms over {clicks} clicks  (goal: median < 300 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
