"""Fuzz the medline reader (and its writer on what was read, where it has one): `python fuzz/fuzz_medline.py -max_total_time=600`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import main

if __name__ == "__main__":
    main([sys.argv[0], "medline", *sys.argv[1:]])
