"""What start-up does before the first paint, seen in a fresh interpreter (a test process has
long imported everything): ``cartapp.app`` loads its Qt-free layers before PySide6 (whose import
hook reads the source of every module imported after it), and neither importing the app nor
``build()`` builds a message's pydantic validator; the first paint does (``prepare_validators``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cartapp.paths import DATA_DIR_ENV

REPO = Path(__file__).resolve().parents[2]

_PROBE = """
import sys
import cartapp.app
loaded = list(sys.modules)
print(loaded.index("pydantic") < loaded.index("PySide6"))
print(loaded.index("cartapp.handlers") < loaded.index("PySide6"))
from cartapp.domain.events import AddItem, ItemAdded, MESSAGE_TYPES
print(sum(cls.__pydantic_complete__ for cls in MESSAGE_TYPES.values()))
app = cartapp.app.build(sys.argv[1], restore_layout=False)
print(sum(cls.__pydantic_complete__ for cls in MESSAGE_TYPES.values()))
from PySide6.QtCore import QEvent, QObject, QTimer
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.window.close)  # after the first-paint callbacks
        return False
painted = Painted()
app.window.installEventFilter(painted)
app.window.show()
app.qapp.exec()
print(AddItem.__pydantic_complete__ and ItemAdded.__pydantic_complete__)
app.close()
"""


def _probe(tmp_path: Path) -> list[str]:
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    env[DATA_DIR_ENV] = str(data)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(data)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_app_loads_its_qt_free_layers_first_and_builds_validators_after_the_first_paint(
    tmp_path: Path,
) -> None:
    pydantic_first, handlers_first, built_at_import, built_by_build, built_after_paint = _probe(
        tmp_path
    )
    assert pydantic_first == "True"
    assert handlers_first == "True"
    assert built_at_import == "0"
    assert built_by_build == "0"
    assert built_after_paint == "True"
