"""python -m govreports"""

from ._cli import main

raise SystemExit(main())
