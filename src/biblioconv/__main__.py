"""``python -m biblioconv``."""

from biblioconv.cli import main

raise SystemExit(main())
