"""Training and evaluation of the listening coach (development dependencies only)."""
