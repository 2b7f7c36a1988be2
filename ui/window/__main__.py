from ui.window.app import main

raise SystemExit(main())
