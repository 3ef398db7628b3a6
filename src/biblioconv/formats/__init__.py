"""Built-in formats, one package each, registered through the ``biblioconv.formats`` entry points.

``biblioconv.formats`` is also the public function listing the registered formats: importing a
format package binds this package to that name, so the package itself is made callable and does
the same as :func:`biblioconv.api.formats`.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from biblioconv.registry import FormatSpec


class _FormatsPackage(types.ModuleType):
    def __call__(self) -> list[FormatSpec]:
        from biblioconv.api import formats

        return formats()


sys.modules[__name__].__class__ = _FormatsPackage
