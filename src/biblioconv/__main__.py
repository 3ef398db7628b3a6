"""``python -m biblioconv``."""

from biblioconv._launch import main

raise SystemExit(main())
