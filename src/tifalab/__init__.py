"""tifalab: turn Chinese official news into data.

Data flows one way: read -> anatomy -> statements -> language -> tables -> notebooks -> reports.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tifalab")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
