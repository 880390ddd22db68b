"""LTV Studio: ``python main.py [FILE]`` opens the window, ``python main.py COMMAND …`` runs one.

The commands and the entry point live in ``cli/`` (DESIGN.md §6).
"""

import sys

from cli import main

if __name__ == "__main__":
    sys.exit(main())
