"""The README's set-up commands work as they are, in a root shell without ``sudo`` (a fresh
container, CI) and as a user with it: their package-install part is run against a fake
``apt-get`` (and a fake ``sudo`` for the user case)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def readme_command(tag: str) -> str:
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(f"<!-- {tag} -->")
    fence = [i for i in range(start, len(lines)) if lines[i].startswith("```")][:2]
    (command,) = lines[fence[0] + 1 : fence[1]]
    return command


def _fake(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


@pytest.mark.skipif(sys.platform == "win32" or not shutil.which("bash"), reason="needs bash")
@pytest.mark.parametrize("tag", ["run-command", "test-command"])
@pytest.mark.parametrize("as_root", [True, False])
def test_the_readme_commands_install_as_root_and_as_a_user(
    tmp_path: Path, tag: str, as_root: bool
) -> None:
    command = readme_command(tag)
    install = command.split(" && python3 ", 1)[0]  # the packages, not the venv and the run
    assert "apt-get install" in install
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls"
    _fake(bin_dir, "apt-get", f'echo "apt-get $*" >> {log}')
    _fake(bin_dir, "id", f'[ "$1" = -u ] && echo {0 if as_root else 1000}')
    if not as_root:
        _fake(bin_dir, "sudo", f'echo "sudo" >> {log}; "$@"')
    env = {**os.environ, "PATH": f"{bin_dir}:/usr/bin:/bin"}
    if as_root:  # a fresh container: there is no sudo anywhere on PATH
        env["PATH"] = f"{bin_dir}:{_path_without_sudo(tmp_path)}"
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", install], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    apt = [c for c in calls if c != "sudo"]
    assert apt[0] == "apt-get update" and apt[1].startswith("apt-get install -y python3-venv ")
    assert calls.count("sudo") == (0 if as_root else 2)


def _path_without_sudo(tmp_path: Path) -> str:
    """A folder with links to the few tools the command needs, and no sudo."""
    tools = tmp_path / "tools"
    tools.mkdir()
    for name in ("sh", "echo", "cat", "bash"):
        found = shutil.which(name)
        if found:
            (tools / name).symlink_to(found)
    return str(tools)
