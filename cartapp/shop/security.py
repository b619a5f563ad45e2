"""Who may say what in a shop: one user per till, each allowed only its own subjects.

The subjects (see ``cartapp.shop.subjects``) put the till's name in every subject it writes:
``shop.stock.<product>.<till>`` for its stock reservations and ``shop.cart.<till>.<cart>`` for the
carts it owns; on core NATS, ``presence.<till>`` for its heartbeat and ``flow.<till>`` for the
stage rows it shares (``cartapp.shop.flowshare``). The server's permissions hold a till to exactly
those, so a till cannot take stock in another till's name, write another till's cart, nor speak
for another till's figures; the shop's stream itself is created by the
``admin`` user, and a till may read it and run its own consumers, never delete or purge it.

Passwords are random (``secrets.token_urlsafe``), kept in a 0600 file, and never printed or
logged: ``repr()`` of the credentials shows the till names only. The server's configuration
(``accounts_config()``) holds bcrypt hashes of them, never the passwords themselves (NATS checks
a password against a ``$2b$...`` hash). The hashes' cost is ``BCRYPT_ROUNDS``: the passwords are
random 192-bit tokens, which no guessing reaches whatever the cost, so a low cost only keeps each
login quick (the server checks the hash at every connect and reconnect).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cartapp.shop.subjects import STREAM, ShopSubjects

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "ADMIN",
    "BCRYPT_ROUNDS",
    "TILL_NAME",
    "ShopCredentials",
    "check_till_name",
    "password_hash",
]

ADMIN = "admin"
"""The user that creates the shop's stream (the server's owner, not a till)."""

TILL_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")
"""A till name: lower-case letters, digits and dashes, as it appears inside subjects."""


def check_till_name(name: str) -> str:
    """``name`` if it can be a till's name, else ``ValueError`` saying what is allowed."""
    if not TILL_NAME.fullmatch(name) or name == ADMIN:
        raise ValueError(
            f"{name!r} cannot name a till: use 1 to 32 lower-case letters, digits or dashes"
            f" (not {ADMIN!r})"
        )
    return name


BCRYPT_ROUNDS = 8
"""The cost of the passwords' hashes (see the module docstring)."""
_BCRYPT_MAX = 72
"""bcrypt hashes at most this many bytes of a password (and refuses longer ones)."""


def password_hash(password: str, rounds: int = BCRYPT_ROUNDS) -> str:
    """The bcrypt hash of ``password`` for the server's configuration; ``ValueError`` for a
    password bcrypt cannot hash (longer than 72 bytes)."""
    import bcrypt  # in the shop extra; only a shop server needs it

    data = password.encode()
    if len(data) > _BCRYPT_MAX:
        raise ValueError(
            f"a till's password is longer than {_BCRYPT_MAX} bytes, which the server's bcrypt "
            "cannot check; create the tills' passwords again"
        )
    return bcrypt.hashpw(data, bcrypt.gensalt(rounds=rounds)).decode()


def _till_permissions(till: str) -> dict[str, Any]:
    own = ShopSubjects(till)
    api = "$JS.API"
    return {
        "publish": {
            "allow": [
                own.stock_wildcard_for_till(),
                own.carts_wildcard_for_till(),
                f"{api}.INFO",
                f"{api}.STREAM.INFO.{STREAM}",
                f"{api}.STREAM.MSG.GET.{STREAM}",
                f"{api}.DIRECT.GET.{STREAM}.>",
                f"{api}.CONSUMER.CREATE.{STREAM}",
                f"{api}.CONSUMER.CREATE.{STREAM}.>",
                f"{api}.CONSUMER.INFO.{STREAM}.>",
                f"{api}.CONSUMER.DELETE.{STREAM}.>",
                f"{api}.CONSUMER.MSG.NEXT.{STREAM}.>",
                f"$JS.ACK.{STREAM}.>",
                "$JS.FC.>",
                f"presence.{till}",
                f"flow.{till}",
                "_INBOX.>",
            ]
        },
        "subscribe": {"allow": ["shop.>", "presence.*", "flow.*", "_INBOX.>"]},
    }


@dataclass(frozen=True)
class ShopCredentials:
    """A password per till plus the admin's; ``accounts_config()`` is the server's view of it."""

    passwords: dict[str, str] = field(repr=False)

    @classmethod
    def create(cls, tills: Iterable[str]) -> ShopCredentials:
        names = [check_till_name(name) for name in tills]
        if len(set(names)) != len(names):
            raise ValueError("two tills have the same name")
        passwords = {name: secrets.token_urlsafe(24) for name in [ADMIN, *names]}
        return cls(passwords)

    @property
    def tills(self) -> list[str]:
        return [name for name in self.passwords if name != ADMIN]

    def __repr__(self) -> str:
        return f"ShopCredentials(tills={self.tills!r})"

    def url_for(self, url: str, user: str) -> str:
        """``url`` with ``user``'s name and password in it (for ``nats.connect``; never log it);
        each of several comma-separated servers gets them, so a failover can log in too."""
        parts = []
        for one in url.split(","):
            scheme, _, rest = one.strip().partition("://")
            parts.append(f"{scheme}://{user}:{self.passwords[user]}@{rest}")
        return ",".join(parts)

    def accounts_config(self) -> dict[str, Any]:
        """The server's accounts: each user with a bcrypt hash of its password, never the
        password (a new salt each time)."""
        users: list[dict[str, Any]] = [
            {"user": ADMIN, "password": password_hash(self.passwords[ADMIN])}
        ]
        users += [
            {
                "user": till,
                "password": password_hash(self.passwords[till]),
                "permissions": _till_permissions(till),
            }
            for till in self.tills
        ]
        return {"SHOP": {"jetstream": "enabled", "users": users}}

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the passwords to ``path`` with mode 0600 (created or replaced)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(self.passwords, out, indent=2)
        return target

    def save_till(self, folder: str | os.PathLike[str], till: str) -> Path:
        """Write ``till``'s own password file, ``till-<name>.json`` (0600), for that till only."""
        target = Path(folder) / f"till-{check_till_name(till)}.json"
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"till": till, "password": self.passwords[till]}, out)
        return target

    @staticmethod
    def load_till(path: str | os.PathLike[str], till: str) -> str:
        """The password in a file ``save_till`` wrote for ``till``; ``ValueError`` says what is
        wrong (unreadable, not a till's file, another till's, readable by others)."""
        target = Path(path)
        try:
            mode = target.stat().st_mode
            if not stat.S_ISREG(mode):  # a FIFO would block the start for ever
                raise ValueError(f"{target} is not a file: give the till's credentials file")
            if mode & 0o077:
                raise ValueError(
                    f"{target} can be read by others; make it private: chmod 600 {target}"
                )
            data = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"cannot read the till's credentials {target}: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("password"), str):
            raise ValueError(f"{target} is not a till's credentials file")
        if data.get("till") != till:
            raise ValueError(f"{target} holds the credentials of till {data.get('till')!r}")
        return str(data["password"])

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ShopCredentials:
        """Read a file ``save`` wrote; ``ValueError`` names what is wrong with it."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"cannot read the till credentials {path}: {exc}") from None
        if (
            not isinstance(data, dict)
            or ADMIN not in data
            or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())
        ):
            raise ValueError(f"{path} is not a till credentials file")
        for name in data:
            if name != ADMIN:
                check_till_name(name)
        return cls(dict(data))
