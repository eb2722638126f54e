"""`python -m sandbox [--host H] [--port P] [--token T]`: the local Telegram on its own.

Point a bot at it with `TELEGRAM_API_URL=http://H:P` and the same token. `python -m bot sandbox`
does the same and also offers the demo logins to the web chat.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os

from sandbox.server import run_forever


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    parser.add_argument("--host", default=os.environ.get("SANDBOX_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("SANDBOX_PORT", "8080")))
    parser.add_argument("--token", default=os.environ.get("SANDBOX_TOKEN", "123456:SANDBOX-TOKEN"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    print(f"Web chat: http://{args.host}:{args.port}/  (open it in a browser)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_forever(args.host, args.port, args.token))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
