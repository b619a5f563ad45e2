"""The only Qt zone: the bridge (bus <-> Qt signals), item models and widgets."""
