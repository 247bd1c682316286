"""Fixed-window counters in the default cache (the database unless configured otherwise).

Keys are hashed so no e-mail address or IP is stored in clear in the cache table.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def _key(scope: str, ident: str, window: int) -> str:
    digest = hashlib.sha256(f"{scope}:{ident}".encode()).hexdigest()[:32]
    return f"rl:{digest}:{int(time.time() // window)}"


def count(scope: str, ident: str, window: int) -> int:
    return int(cache.get(_key(scope, ident, window), 0))


def hit(scope: str, ident: str, window: int) -> int:
    """Add one to the counter and return the new count."""
    key = _key(scope, ident, window)
    if cache.add(key, 1, window):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def clear(scope: str, ident: str, window: int) -> None:
    cache.delete(_key(scope, ident, window))


def over_limit(scope: str, ident: str, *, limit: int, window: int) -> bool:
    return count(scope, ident, window) >= limit


def client_ip(request: object) -> str:
    meta = getattr(request, "META", {})
    return str(meta.get("REMOTE_ADDR", "") or "unknown")
