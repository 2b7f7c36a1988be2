"""Frame sources: a live camera, a video file, still images."""

from scanner.sources.base import FrameSink, FrameSource, SourceError, SourceState, StateCallback
from scanner.sources.camera import CameraSource
from scanner.sources.images import ImageSource
from scanner.sources.video import VideoFileSource

__all__ = [
    "CameraSource",
    "FrameSink",
    "FrameSource",
    "ImageSource",
    "SourceError",
    "SourceState",
    "StateCallback",
    "VideoFileSource",
]
