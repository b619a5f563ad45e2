"""The read side: past carts, diffs, stored records, statistics scopes and the text the views show.

No Qt: every module here reads the store (never writes it) or formats what was read; the Qt models
in ``cartapp.qt`` are thin adapters over them.
"""
