"""Child process for the crash and two-writer tests (run as a script, never imported by pytest).

``shop <db> <seed>``: builds the app as it ships (``cartapp.app.build`` on the database's folder,
offscreen) and sends random commands the way the window does (``MainWindow.send``: the bus, the
cart service, one transaction per step) as fast as it can. After each command returned
(= appended), it prints one line::

    ack <stream version> <digest of the cart it shows> <id> <id> ...

``race <db> <count> <tag>``: waits for "go" on stdin, then appends ``count`` commands directly
with optimistic concurrency (read the version, append with it, retry on ``ConcurrencyError``),
printing each stored event id, and finally ``done <retries>``.

``fill <db> <count>``: appends ``count`` AddItem commands, one transaction each, prints
``done <version>`` and waits on stdin (so the test can SIGKILL it with the WAL not checkpointed).
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cartapp.bus import Envelope  # noqa: E402
from cartapp.domain.cart import Cart  # noqa: E402
from cartapp.domain.events import (  # noqa: E402
    AddItem,
    Checkout,
    ClearCart,
    Command,
    RemoveItem,
    UpdateItem,
)
from cartapp.store import ConcurrencyError, EventStore  # noqa: E402
from cartapp.store.snapshot import encode_cart  # noqa: E402

ITEMS = ("espresso-beans", "rye-bread", "whole-milk-1l", "avocado", "decaf-coffee-beans", "nope")


def digest(cart: Cart) -> str:
    return hashlib.sha256(encode_cart(cart).encode()).hexdigest()[:20]


def command(rng: random.Random) -> Command:
    x = rng.random()
    item, qty = rng.choice(ITEMS), rng.randint(0, 4)
    if x < 0.55:
        return AddItem(item_id=item, quantity=qty)
    if x < 0.75:
        return RemoveItem(item_id=item, quantity=qty)
    if x < 0.88:
        return UpdateItem(item_id=item, quantity=qty)
    if x < 0.92:
        return ClearCart()
    return Checkout()


def shop(db: str, seed: int) -> None:
    from cartapp.app import build

    app = build(Path(db).parent, restore_layout=False)
    ids: list[str] = []
    app.bus.subscribe(object, lambda env: ids.append(env.event_id), name="ids")
    rng = random.Random(seed)
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    while True:
        ids.clear()
        app.window.send(command(rng))
        service = app.service
        out.write(f"ack {service.version} {digest(service.cart)} {' '.join(ids)}\n")
        out.flush()


def race(db: str, count: int, tag: str) -> None:
    store = EventStore.open(db)
    print("ready", flush=True)
    sys.stdin.readline()
    retries = 0
    done = 0
    while done < count:
        version = store.version()
        env = Envelope.new(AddItem(item_id="rye-bread", quantity=1), source=tag)
        try:
            store.append([env], "cart", version)
        except ConcurrencyError:
            retries += 1
            continue
        done += 1
        print(env.event_id, flush=True)
    print(f"done {retries}", flush=True)
    store.close()


def fill(db: str, count: int) -> None:
    store = EventStore.open(db, snapshot_every=10**9)
    for _ in range(count):
        env = Envelope.new(AddItem(item_id="rye-bread", quantity=1), source="fill")
        store.append([env], "cart", store.version())
    print(f"done {store.version()}", flush=True)
    sys.stdin.readline()


if __name__ == "__main__":
    if sys.argv[1] == "fill":
        fill(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "shop":
        shop(sys.argv[2], int(sys.argv[3]))
    else:
        race(sys.argv[2], int(sys.argv[3]), sys.argv[4])
