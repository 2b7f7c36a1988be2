"""Frames and keystrokes in, decoded text out.

To run a camera and get scans on a callback (called on the decode thread):

    service = ScanService(CameraSource(0, resolution=(1280, 720), on_state=on_state),
                          on_scan=on_scan)
    service.start()
    ...
    service.stop()

USB keyboard-wedge scanners go through `WedgeClassifier`; typed codes through
`manual_scan`. Nothing here knows of members or widgets.
"""

from scanner.decoders import BACKENDS, Decoder, DecoderUnavailable, make_decoder
from scanner.dedup import Deduplicator
from scanner.frame import Frame
from scanner.manual import RejectedEntry, manual_scan
from scanner.pipeline import ScanPipeline
from scanner.scan import Scan, ScanSource
from scanner.service import ScanService
from scanner.sources import (
    CameraSource,
    ImageSource,
    SourceError,
    SourceState,
    VideoFileSource,
)
from scanner.wedge import WedgeClassifier, WedgeOutcome

__all__ = [
    "BACKENDS",
    "CameraSource",
    "Decoder",
    "DecoderUnavailable",
    "Deduplicator",
    "Frame",
    "ImageSource",
    "RejectedEntry",
    "Scan",
    "ScanPipeline",
    "ScanService",
    "ScanSource",
    "SourceError",
    "SourceState",
    "VideoFileSource",
    "WedgeClassifier",
    "WedgeOutcome",
    "make_decoder",
    "manual_scan",
]
