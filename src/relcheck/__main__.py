"""``python -m relcheck`` runs the command line."""

from .entry import main

main()
