from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class KeptPagesConfig(AppConfig):
    name = "nearer.keptpages"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "kept pages"

    def ready(self) -> None:
        from nearer.keptpages import freshness

        # After every `migrate` (and the test database's): the triggers follow the
        # tables and the registry as they are now.
        post_migrate.connect(freshness.install_after_migrate, sender=self)
