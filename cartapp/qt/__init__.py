"""The only Qt zone: the bridge (bus <-> Qt signals), item models and widgets.

Importing it routes the Qt-free packages' texts (``cartapp.domain.i18n.translate``) through
``QCoreApplication.translate``, so whatever translator the app installs translates them too;
with none installed Qt returns the English source unchanged.
"""

from PySide6.QtCore import QCoreApplication

from cartapp.domain import i18n as _i18n

_i18n.install(QCoreApplication.translate)
