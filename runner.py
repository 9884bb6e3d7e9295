#!/usr/bin/env python3
"""sims command line: `python runner.py --help` lists the commands."""

import sys

from sims.cli import main

if __name__ == "__main__":
    sys.exit(main())
