"""The pure domain: money, catalog, cart state, commands and facts, decide() and apply().

Nothing here imports Qt or performs I/O.
"""
