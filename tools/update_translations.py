"""Regenerate cartapp's translations: the .ts sources from the code, then the compiled .qm files.

    python tools/update_translations.py          # lupdate over cartapp/, then lrelease
    python tools/update_translations.py --check  # exit 1 if a committed .qm differs from its .ts

Uses ``pyside6-lupdate`` and ``pyside6-lrelease`` from the environment running this script
(PySide6 ships both). The .ts files keep no source locations (``-locations none``), so a moved
line does not change them and two branches merge cleanly; strings no longer in the code are
dropped (``-no-obsolete``). Translate with Qt Linguist (``pyside6-linguist``) or any editor,
then run the script again to compile.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "i18n"
SOURCES = ROOT / "cartapp"


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (it ships {name})")
    return found


def ts_files() -> list[Path]:
    return sorted(TS_DIR.glob("cartapp_*.ts"))


def update() -> None:
    sources = sorted(str(p) for p in SOURCES.rglob("*.py"))
    for ts in ts_files():
        language = ts.stem.removeprefix("cartapp_")
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                *sources,
                "-locations",
                "none",
                "-no-obsolete",
                "-source-language",
                "en",
                "-target-language",
                language,
                "-ts",
                str(ts),
            ],
            check=True,
        )
    release(TS_DIR)


def release(out_dir: Path) -> list[Path]:
    """Compile every .ts into ``out_dir``; returns the .qm files written."""
    written = []
    for ts in ts_files():
        qm = out_dir / f"{ts.stem}.qm"
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


def check() -> int:
    """0 if every committed .qm is what lrelease makes of its .ts, else 1 (names the stale)."""
    stale = []
    with tempfile.TemporaryDirectory() as scratch:
        for fresh in release(Path(scratch)):
            committed = TS_DIR / fresh.name
            if not committed.is_file() or committed.read_bytes() != fresh.read_bytes():
                stale.append(committed.name)
    for name in stale:
        print(f"{name} is out of date: run python tools/update_translations.py", file=sys.stderr)
    return 1 if stale else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the committed .qm")
    parser.add_argument(
        "--release", action="store_true", help="only compile the .ts files (no lupdate)"
    )
    args = parser.parse_args()
    if args.check:
        return check()
    if args.release:
        release(TS_DIR)
        return 0
    update()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
