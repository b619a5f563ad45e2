"""``python -m cartapp``: the same as the ``cartapp`` command."""

from __future__ import annotations

import sys

from cartapp.app import main

__all__: list[str] = []

if __name__ == "__main__":
    sys.exit(main())
