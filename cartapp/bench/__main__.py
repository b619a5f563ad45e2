"""``python -m cartapp.bench [--quick] [--only bus,store,import,ui,metrics,shop]``: print
benchmark tables (``import`` is the store's import table alone)."""

from __future__ import annotations

import argparse
import importlib
import os
import platform


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cartapp.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    parser.add_argument(
        "--only",
        default="bus,store,ui,metrics,shop",
        help="comma-separated sections (import: the store's import table alone)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sections = {s.strip() for s in args.only.split(",") if s.strip()}

    from cartapp.qt.bench.signals import PYSIDE_VERSION, application

    app = application()
    print(
        f"# cartapp benchmarks\n\nPython {platform.python_version()}, PySide6 {PYSIDE_VERSION}, "
        f"{platform.machine()}, {os.cpu_count()} cores; medians of repeats, ratios measured in "
        "the same run.\n",
        flush=True,
    )
    if "bus" in sections:
        from cartapp.bench import bus
        from cartapp.qt.bench import signals

        n = 20_000 if args.quick else 100_000
        repeats = 3 if args.quick else 5
        bus.run_per_message(n, repeats, signals.qt_direct_body).print()
        signals.run_cross_thread(n, repeats).print()
    if "import" in sections and "store" not in sections:
        from cartapp.bench import store

        store.main_import(quick=args.quick)
    modules = {
        "store": "cartapp.bench.store",
        "ui": "cartapp.qt.bench.ui",
        "metrics": "cartapp.qt.bench.metrics",
        "shop": "cartapp.bench.shop",
    }
    for name, module_name in modules.items():
        if name in sections:
            importlib.import_module(module_name).main(quick=args.quick)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
