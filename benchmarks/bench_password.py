"""Cost of one password check with the argon2id parameters of `domain/auth/passwords.py`.

    .venv/bin/python benchmarks/bench_password.py [--runs 20]

Prints the median and the 90th percentile of one `verify` (the work of every password login),
the memory each check takes, and how many checks two cores can do in a second.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.auth import passwords


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    stored = passwords.hash_password("Zima-Sever-2026")
    passwords.verify_password(stored, "Zima-Sever-2026")  # warm up
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        assert passwords.verify_password(stored, "Zima-Sever-2026")
        times.append(time.perf_counter() - start)
    times.sort()
    p90 = times[int(len(times) * 0.9) - 1]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: passwords.verify_password(stored, "x"), range(args.runs)))
    throughput = args.runs / (time.perf_counter() - start)
    print(
        f"argon2id m={passwords.MEMORY_COST_KIB // 1024} MiB, t={passwords.TIME_COST}, "
        f"p={passwords.PARALLELISM} on {os.cpu_count()} CPU(s)"
    )
    print(f"one check: median {statistics.median(times) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms")
    print(
        f"memory per check: {passwords.MEMORY_COST_KIB // 1024} MiB; at most 2 checks at once, "
        f"{throughput:.1f} checks/s under load"
    )


if __name__ == "__main__":
    main()
