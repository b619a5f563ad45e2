"""``python -m cartapp.bench [--quick] [--only bus,store,ui,metrics]``: print benchmark tables."""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cartapp.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    parser.add_argument("--only", default="bus,store,ui,metrics", help="comma-separated sections")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sections = {s.strip() for s in args.only.split(",") if s.strip()}

    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(
        f"# cartapp benchmarks\n\nPython {platform.python_version()}, PySide6 {pyside_version}, "
        f"{platform.machine()}, {os.cpu_count()} cores; medians of repeats, ratios measured in "
        "the same run.\n",
        flush=True,
    )
    if "bus" in sections:
        from cartapp.bench import bus

        n = 20_000 if args.quick else 100_000
        repeats = 3 if args.quick else 5
        bus.run_per_message(n, repeats).print()
        bus.run_cross_thread(n, repeats).print()
    for name in ("store", "ui", "metrics"):
        if name not in sections:
            continue
        try:
            module = importlib.import_module(f"cartapp.bench.{name}")
        except ModuleNotFoundError:
            print(f"## {name}\n\n(not available)\n")
            continue
        module.main(quick=args.quick)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
