"""The shop: several tills sharing one stock and their carts through NATS JetStream.

Optional (``pip install 'cartapp[shop]'``): a till alone never imports this package or the NATS
client. ``server`` runs the broker, ``link`` connects a till to it on an asyncio thread of its
own, ``subjects`` and ``security`` say who writes where, ``stock`` reserves stock shop-wide.
"""

__all__: list[str] = []
