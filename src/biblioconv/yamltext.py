"""YAML output that reads back as it was written.

PyYAML writes a string holding U+0085 (NEL) in plain or single-quoted style, where its reader
takes the character for a line break and folds it to a space; such strings are double-quoted
here, where NEL is written as the escape ``\\N``. Import this module lazily: it imports PyYAML.
"""

from __future__ import annotations

import yaml

__all__ = ["SafeDumper"]


class SafeDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, with strings holding U+0085 double-quoted."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\x85" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return dumper.represent_str(data)


SafeDumper.add_representer(str, _represent_str)
