"""relcheck: a health checker for B2B account relationships."""

__version__ = "0.1.0"
