"""`python -m server` is `klipp-server`."""

import sys

from server.cli import main

sys.exit(main())
