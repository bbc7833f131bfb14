"""``python -m tests.perf [NAME...] [options]`` (``make bench``): run the benchmarks.

Every ``tests/perf/bench_*.py`` module with a ``run(args)`` function is a benchmark; give names
(``import``, ``search``…) to run some of them. Benchmarks that need the 100,000-article
PostgreSQL database call ``tests.perf.dataset.ensure_bench_db(args)``: built once through the
importer, reused afterwards. Benchmarks print their figures; they assert nothing about time.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

PACKAGE = "tests.perf"


def discover() -> dict[str, Callable]:
    """name → ``run`` of every ``bench_<name>`` module of this package."""
    found = {}
    for module in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if module.name.startswith("bench_"):
            imported = importlib.import_module(f"{PACKAGE}.{module.name}")
            run = getattr(imported, "run", None)
            if callable(run):
                found[module.name.removeprefix("bench_")] = run
    return found


def parser() -> argparse.ArgumentParser:
    from .dataset import add_arguments

    p = argparse.ArgumentParser(prog="python -m tests.perf", description=__doc__)
    p.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    add_arguments(p)
    return p


def main(argv: list[str] | None = None) -> int:
    benches = discover()
    args = parser().parse_args(argv)
    unknown = [name for name in args.names if name not in benches]
    if unknown:
        print(f"Không có benchmark: {', '.join(unknown)} (có: {', '.join(benches)})",
              file=sys.stderr)
        return 2
    # The import benchmark first: it can leave the dataset the others reuse.
    names = args.names or sorted(benches, key=lambda n: (n != "import", n))
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        benches[name](args)
        print(f"=== {name}: {time.perf_counter() - started:.1f} s ===", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
