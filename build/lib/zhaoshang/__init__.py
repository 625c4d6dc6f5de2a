"""zhaoshang — the investment-promotion platform of a district or city bureau (招商局)."""

__version__ = "0.1.0"
