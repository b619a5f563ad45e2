"""Test-wide set-up: Qt runs offscreen, and no test touches the real user's settings or data."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SANDBOX = tempfile.mkdtemp(prefix="cartapp-tests-")
# QSettings (Linux: $XDG_CONFIG_HOME) and the app's data dir point into a throw-away folder.
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SANDBOX, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_SANDBOX, "data")
os.environ["CARTAPP_DATA_DIR"] = os.path.join(_SANDBOX, "cartapp-data")
