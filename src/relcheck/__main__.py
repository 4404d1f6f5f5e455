"""``python -m relcheck`` runs the command line."""

from .cli import main

main()
