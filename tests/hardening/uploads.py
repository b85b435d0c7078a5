"""Files a careless user or an attacker uploads, made in memory."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def real_png(width=8, height=8):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "steelblue").save(buffer, "PNG")
    return buffer.getvalue()


def real_jpeg(width=8, height=8):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "orange").save(buffer, "JPEG")
    return buffer.getvalue()


def png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def pixel_bomb_png(width=100_000, height=100_000):
    """A tiny PNG whose header claims width × height pixels."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    body = png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    return PNG_SIGNATURE + header + body + png_chunk(b"IEND", b"")


FAKE_PNG = PNG_SIGNATURE + b"<html><script>alert(1)</script></html>"
SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
