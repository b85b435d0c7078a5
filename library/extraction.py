"""Text extraction from PDF (pypdf), DOCX (python-docx) and ODT (odfpy), with limits.

A file someone uploaded is untrusted input. The parsers run in a forked child
process with a time limit and a memory limit, so a pathological file cannot hang
or exhaust the worker; DOCX and ODT are zip archives, so their declared
uncompressed size, member count and compression ratio are checked before any
parser opens them (zipfile never inflates a member beyond its declared size, so
the declared sizes bound the work). Nothing here touches the database."""

import io
import multiprocessing
import os
import resource
import zipfile
from dataclasses import dataclass

from django.conf import settings

PDF, DOCX, ODT = "pdf", "docx", "odt"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class Limits:
    # Files larger than this are not read at all.
    max_bytes: int = 50 * 1024 * 1024
    # PDF pages read; the rest of a longer document is not searchable.
    max_pages: int = 300
    # Characters kept per file (PostgreSQL's tsvector holds at most 1 MB).
    max_chars: int = 300_000
    # Zip archives (DOCX, ODT): total declared uncompressed size, members, ratio.
    max_uncompressed: int = 100 * 1024 * 1024
    max_members: int = 2_000
    max_ratio: int = 200
    # Wall-clock seconds and extra address space (bytes) for the child process.
    timeout: float = 30.0
    memory: int = 768 * 1024 * 1024

    @classmethod
    def from_settings(cls):
        return cls(**getattr(settings, "LIBRARY_EXTRACTION_LIMITS", {}))


@dataclass
class Outcome:
    # "extracted", "no_text", "refused" or "failed"
    status: str
    text: str = ""
    page_count: int | None = None
    # English, for logs; the admin shows a translated message chosen by `reason`.
    reason: str = ""
    detail: str = ""


class Refused(Exception):
    def __init__(self, reason, detail=""):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def detect_format(data, filename=""):
    """The format from the file's first bytes, the name only breaking the DOCX/ODT tie."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        # An ODF package stores its uncompressed mimetype first.
        if data[30:38] == b"mimetype" and ODT_MIMETYPE in data[38:120]:
            return ODT
        name = filename.lower()
        if name.endswith(".odt"):
            return ODT
        if name.endswith(".docx") or b"word/" in data[:4096]:
            return DOCX
    return None


def check_zip(data, limits):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise Refused("broken", str(error)) from error
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise Refused("zip_bomb", f"{len(members)} members")
        declared = sum(member.file_size for member in members)
        if declared > limits.max_uncompressed:
            raise Refused("zip_bomb", f"{declared} bytes uncompressed")
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1024 * 1024 and ratio > limits.max_ratio:
                raise Refused("zip_bomb", f"{member.filename} expands {ratio:.0f} times")


def _pdf_text(data, limits):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise Refused("encrypted")
    parts, total = [], 0
    page_count = len(reader.pages)
    for number, page in enumerate(reader.pages):
        if number >= limits.max_pages or total >= limits.max_chars:
            break
        text = page.extract_text() or ""
        parts.append(text)
        total += len(text)
    return "\n".join(parts), page_count


def _docx_text(data, limits):
    import docx

    check_zip(data, limits)
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts), None


def _odt_text(data, limits):
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    check_zip(data, limits)
    document = load(io.BytesIO(data))
    blocks = {(TEXTNS, "p"), (TEXTNS, "h")}
    parts = []

    def walk(node):
        if getattr(node, "qname", None) in blocks:
            parts.append(teletype.extractText(node))
            return
        for child in getattr(node, "childNodes", []):
            walk(child)

    walk(document.text)
    return "\n".join(parts), None


READERS = {PDF: _pdf_text, DOCX: _docx_text, ODT: _odt_text}


def extract(data, file_format, limits):
    """Runs in the current process; `extract_safely` is what callers want."""
    try:
        text, page_count = READERS[file_format](data, limits)
    except Refused as refused:
        return Outcome("refused", reason=refused.reason, detail=refused.detail)
    except MemoryError:
        return Outcome("refused", reason="memory")
    except Exception as error:  # noqa: BLE001 - any parser error means "unreadable"
        return Outcome("failed", reason="broken", detail=f"{type(error).__name__}: {error}")
    text = "\n".join(line.strip() for line in text.replace("\x00", " ").splitlines())
    text = text.strip()[: limits.max_chars]
    if not text:
        return Outcome("no_text", page_count=page_count, reason="no_text")
    return Outcome("extracted", text=text, page_count=page_count)


def _address_space():
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def _child(connection, data, file_format, limits):
    current = _address_space()
    if current is not None:
        # The child inherits the parent's mappings; allow this much more on top.
        resource.setrlimit(resource.RLIMIT_AS, (current + limits.memory, current + limits.memory))
    try:
        connection.send(extract(data, file_format, limits))
    except MemoryError:
        connection.send(Outcome("refused", reason="memory"))
    finally:
        connection.close()


def extract_safely(data, file_format, limits):
    """`extract` in a forked child with a time and memory limit."""
    if len(data) > limits.max_bytes:
        return Outcome("refused", reason="too_large", detail=f"{len(data)} bytes")
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, data, file_format, limits))
    process.start()
    sender.close()
    try:
        if receiver.poll(limits.timeout):
            try:
                return receiver.recv()
            except EOFError:
                return Outcome("refused", reason="memory")
        return Outcome("refused", reason="timeout", detail=f"{limits.timeout} s")
    finally:
        receiver.close()
        process.join(timeout=1)
        if process.is_alive():
            process.kill()
            process.join()
