"""The guide frame: where the cashier is asked to hold a code.

One definition for both of its uses: the camera view draws it over the picture, and the
scanner decodes that part of each frame first (scanner.region.Region: a centred square,
a share of the frame's shorter side; a centred square stays put when the picture is
mirrored).
"""

from __future__ import annotations

from scanner.region import Region

GUIDE = Region(side=0.62)
