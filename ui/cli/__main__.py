from ui.cli.app import main

raise SystemExit(main())
