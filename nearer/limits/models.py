from __future__ import annotations

from django.db import models


class RateCounter(models.Model):
    """How many tries one identifier (an account's e-mail, a client's address, a person)
    has made in one scope ("signin-account", …) in the window ending at `expires_at`.

    A table of its own, not the cache: a cache may drop entries when it fills, and an
    attacker who can fill it would lift any lock. The key is an HMAC of the scope and
    the identifier (nearer.limits.counters), so no e-mail or address is stored here.
    """

    key = models.CharField(max_length=64, primary_key=True)
    hits = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.hits} until {self.expires_at:%Y-%m-%d %H:%M}"
