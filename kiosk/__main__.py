from kiosk.app import main

raise SystemExit(main())
