"""A built wheel, installed into a fresh virtual environment, starts and finds its resources."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheelhouse")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    (built,) = out.glob("cartapp-*.whl")
    return built


def test_wheel_contains_the_resources(wheel: Path) -> None:
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "cartapp/resources/catalog.json" in names
    assert "cartapp/resources/icons/app.svg" in names
    assert "cartapp/resources/i18n/cartapp_zh_CN.qm" in names
    assert "cartapp/py.typed" in names
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_starts_and_renders(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            purelib,
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    # Dependencies (PySide6, pydantic) come from this test run's environment instead of a second
    # download: a plain path line, so the editable install of the checkout is not picked up.
    deps = sysconfig.get_paths()["purelib"]
    Path(purelib, "zz_cartapp_test_deps.pth").write_text(deps + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    env["CARTAPP_DATA_DIR"] = str(tmp_path / "data")
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import cartapp, cartapp.paths as p; print(cartapp.__file__); "
            "print(p.resource_path('catalog.json')); "
            "print(p.resource_path('i18n/cartapp_zh_CN.qm'))",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
        timeout=120,
    ).stdout.split("\n")
    assert Path(where[0]).is_relative_to(env_dir), where
    assert Path(where[1]).is_relative_to(env_dir) and Path(where[1]).is_file(), where
    assert Path(where[2]).is_relative_to(env_dir) and Path(where[2]).is_file(), where
    shot = tmp_path / "shot.png"
    subprocess.run(
        [str(python), "-m", "cartapp", "--screenshot", str(shot)],
        check=True,
        cwd=work,
        env=env,
        timeout=180,
    )
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
