"""python -m govreports"""

from ._cli import run

run()
