"""netzkarte: Netzwerkkarten kommunaler Präventionsketten.

Read a filled Excel template, validate it, analyse the network and draw it::

    import netzkarte as nk
    karte = nk.read_excel("netzkarte.xlsx")
    befunde = nk.analyze(karte)
"""

from __future__ import annotations

import logging

from netzkarte import datasets
from netzkarte.errors import (
    EndpointError,
    InputError,
    Issue,
    NetzkarteError,
    UnknownNodeError,
    ValidationError,
    ValidationReport,
)
from netzkarte.model import MapMeta, NetworkMap

__version__ = "0.1.0"

__all__ = [
    "EndpointError",
    "InputError",
    "Issue",
    "MapMeta",
    "NetworkMap",
    "NetzkarteError",
    "UnknownNodeError",
    "ValidationError",
    "ValidationReport",
    "__version__",
    "datasets",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
