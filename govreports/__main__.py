"""python -m govreports"""

from .cli import main

raise SystemExit(main())
