"""Every app of ours stands in one of import-linter's layers (pyproject.toml), and the
rituals' layer is exactly the rituals installed: an app missing there would go unchecked."""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

PYPROJECT = Path(settings.BASE_DIR) / "pyproject.toml"


def _layers() -> list[set[str]]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return [
        {name.strip() for name in layer.replace(":", "|").split("|")}
        for layer in contract["layers"]
    ]


class LayersTestCase(SimpleTestCase):
    def test_every_app_of_ours_is_in_a_layer(self) -> None:
        layered = set().union(*_layers())
        ours = {app for app in settings.INSTALLED_APPS if app.startswith("nearer.")}
        missing = sorted(ours - layered - {"nearer.lib"})
        self.assertEqual(
            missing, [], f"add {missing} to a layer of the import-linter contract in pyproject.toml"
        )

    def test_the_rituals_layer_is_the_rituals(self) -> None:
        rituals = set(settings.RITUALS)
        layer = next((layer for layer in _layers() if layer & rituals), set())
        self.assertEqual(
            layer,
            rituals,
            "the rituals' layer in pyproject.toml must list exactly settings.RITUALS, "
            f"joined by ' | ' (so no ritual imports another): {' | '.join(sorted(rituals))}",
        )
