"""`python -m scanner`: the same as klipp-scan."""

from scanner.cli import main

raise SystemExit(main())
