"""``python -m biblioconv``."""

from biblioconv._launch import run

run()
