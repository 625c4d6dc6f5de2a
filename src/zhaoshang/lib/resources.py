"""Where the data files `lib` reads are: package resources (`importlib.resources`), named here once.

`lib` computes no path from its own location into an app's folder. The reference data belongs to the apps
that maintain it (the chain definitions to `chains`, the divisions to `regions`); `lib` names the package
and the file, and every function that reads one also takes a path, so a caller (or a test) can pass its own.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(package: str, *parts: str) -> Path:
    """A data file or folder shipped inside `package`, as a path on disk.

    The project is installed from its source tree or from a wheel pip unpacks, so a resource is a real
    file; anything else (a zip import) is refused rather than half read.
    """
    resource = files(package).joinpath(*parts)
    if not isinstance(resource, Path):
        raise RuntimeError(f"{package}: {'/'.join(parts)} is not a file on disk ({resource!r})")
    return resource


CHAIN_DEFINITIONS = resource_path("zhaoshang.chains", "definitions")
DIVISIONS_CSV = resource_path("zhaoshang.regions", "data", "divisions.csv")
UNIVERSE_WEIGHTS = resource_path("zhaoshang.lib.universe", "weights.json")
UNIVERSE_PHRASES = resource_path("zhaoshang.lib.universe", "phrases.json")
WARNING_PACKS = resource_path("zhaoshang.alerts", "packs")
OBLIGATION_PACKS = resource_path("zhaoshang.lib.obligations", "packs")
