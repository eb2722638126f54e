"""Load the heavy libraries in the background once the bot answers, so the first chart, invoice
or xlsx export after start does not wait seconds for matplotlib, fpdf2 or openpyxl to import."""

from __future__ import annotations

import logging
import threading
import time

log = logging.getLogger(__name__)

# Seconds after the bot is ready: the first /start is answered before the imports begin.
WARM_UP_AFTER = 2.0


def warm_heavy_libraries() -> float:
    """Import the libraries and draw an empty figure (matplotlib's font list); → seconds."""
    started = time.perf_counter()
    import num2words  # noqa: F401 - amounts in words on invoices
    import pyzipper  # noqa: F401 - password-protected archives
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(1, 1))
    figure.add_subplot().set_title("·")
    FigureCanvasAgg(figure).draw()  # type: ignore[no-untyped-call]
    return time.perf_counter() - started


def start_warm_up() -> threading.Thread:
    def run() -> None:
        try:
            log.debug("heavy libraries loaded in %.2f s", warm_heavy_libraries())
        except Exception:  # a failed warm-up only means the first use loads them itself
            log.warning("warming up the heavy libraries failed", exc_info=True)

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    thread.start()
    return thread
