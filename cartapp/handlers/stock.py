"""``StockGate``: what the cart service asks before it keeps facts that take stock.

With one till the decider's own rule (the catalog's stock less what the cart holds and sold) is
the whole story and there is no gate. In a shop the same stock is shared by every till, so the
service also asks the shop (``cartapp.shop.session.ShopSession`` is the gate): ``admit`` reserves
what a command's facts take, or says why not; ``give_back`` returns what was admitted for a step
whose append then failed, so a failed step holds no stock anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from cartapp.domain.events import Fact

__all__ = ["StockGate"]


class StockGate(Protocol):
    """See the module docstring."""

    def admit(self, facts: Sequence[Fact], cause: str) -> str | None:
        """Reserve what ``facts`` take (``cause``: the command's id); None, or the reason they
        cannot be kept (then nothing stays reserved)."""
        ...

    def give_back(self, facts: Sequence[Fact], cause: str) -> None:
        """Undo ``admit`` of ``facts``: their step was not stored."""
        ...
