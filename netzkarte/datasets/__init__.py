"""Example data: the town Kindertal and synthetic maps of any size.

>>> from netzkarte import datasets
>>> datasets.kindertal(2017).meta.snapshot.isoformat()
'2017-06-30'
>>> s = datasets.synthetic(150, seed=2)
>>> isinstance(s, datasets.SyntheticMap), isinstance(s.truth, datasets.GroundTruth)
(True, True)
"""

from __future__ import annotations

from netzkarte.datasets.kindertal import kindertal
from netzkarte.datasets.synthetic import GroundTruth, SyntheticMap, synthetic

__all__ = ["GroundTruth", "SyntheticMap", "kindertal", "synthetic"]
