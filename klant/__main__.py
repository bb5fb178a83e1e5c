from klant.cli import main

raise SystemExit(main())
