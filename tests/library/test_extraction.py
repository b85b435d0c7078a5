"""Text extraction: real PDF, DOCX and ODT files written in code; a scan, a broken
file, a zip bomb and a hanging parser leave a clear status and never raise."""

import io
import zipfile

import pytest

from library.extraction import Limits, detect_format, extract_safely
from library.samples import simple_docx, simple_odt, simple_pdf

LIMITS = Limits(timeout=20)


def zip_bomb(size=200 * 1024 * 1024):
    """A DOCX-named archive whose one member inflates to `size` bytes of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def test_formats_are_recognised_by_their_bytes():
    assert detect_format(simple_pdf(["x"]), "anything.bin") == "pdf"
    assert detect_format(simple_docx(["x"]), "a.docx") == "docx"
    assert detect_format(simple_odt(["x"]), "a.bin") == "odt"
    assert detect_format(b"hello", "a.pdf") is None


def test_pdf_text_is_extracted_page_by_page():
    data = simple_pdf([["Safeguarding children", "in residential care"], "Second page: kinship"])
    outcome = extract_safely(data, "pdf", LIMITS)
    assert outcome.status == "extracted"
    assert outcome.page_count == 2
    assert "Safeguarding children" in outcome.text
    assert "kinship" in outcome.text


def test_pdf_pages_beyond_the_limit_are_not_read():
    data = simple_pdf([f"Page number {n} word{n}" for n in range(5)])
    outcome = extract_safely(data, "pdf", Limits(max_pages=2, timeout=20))
    assert "word1" in outcome.text
    assert "word2" not in outcome.text
    assert outcome.page_count == 5


def test_characters_beyond_the_limit_are_cut():
    data = simple_docx(["abcdefghij" * 50])
    outcome = extract_safely(data, "docx", Limits(max_chars=100, timeout=20))
    assert len(outcome.text) == 100


def test_docx_and_odt_text_including_cyrillic():
    docx = extract_safely(simple_docx(["Захист дітей", "Друга частина"]), "docx", LIMITS)
    assert docx.status == "extracted"
    assert "Захист дітей" in docx.text and "Друга частина" in docx.text
    odt = extract_safely(simple_odt(["Zaštita djece", "Drugi dio"]), "odt", LIMITS)
    assert odt.status == "extracted"
    assert "Zaštita djece" in odt.text and "Drugi dio" in odt.text


def test_a_scanned_pdf_has_no_text():
    outcome = extract_safely(simple_pdf([""]), "pdf", LIMITS)
    assert outcome.status == "no_text"
    assert outcome.reason == "no_text"
    assert outcome.page_count == 1


@pytest.mark.parametrize("file_format", ["pdf", "docx", "odt"])
def test_a_broken_file_fails_without_raising(file_format):
    data = {"pdf": b"%PDF-1.4\n garbage", "docx": b"PK\x03\x04garbage", "odt": b"PK\x03\x04x"}
    outcome = extract_safely(data[file_format], file_format, LIMITS)
    assert outcome.status in ("failed", "refused")
    assert outcome.reason == "broken"


def test_a_zip_bomb_is_refused_before_it_is_inflated():
    bomb = zip_bomb()
    assert len(bomb) < 1024 * 1024  # 200 MB of zeros in a few hundred kilobytes
    outcome = extract_safely(bomb, "docx", LIMITS)
    assert outcome.status == "refused"
    assert outcome.reason == "zip_bomb"


def test_a_file_over_the_size_limit_is_not_read():
    outcome = extract_safely(simple_pdf(["x"]), "pdf", Limits(max_bytes=10))
    assert (outcome.status, outcome.reason) == ("refused", "too_large")


def test_a_parser_that_hangs_is_stopped(monkeypatch):
    import time

    import library.extraction as extraction

    def slow(data, limits):
        time.sleep(60)

    monkeypatch.setitem(extraction.READERS, "pdf", slow)
    outcome = extract_safely(simple_pdf(["x"]), "pdf", Limits(timeout=1))
    assert (outcome.status, outcome.reason) == ("refused", "timeout")


def test_a_parser_that_eats_memory_is_stopped(monkeypatch):
    import library.extraction as extraction

    def greedy(data, limits):
        return "x" * (4 * 1024 * 1024 * 1024), None

    monkeypatch.setitem(extraction.READERS, "pdf", greedy)
    outcome = extract_safely(simple_pdf(["x"]), "pdf", Limits(memory=64 * 1024 * 1024, timeout=20))
    assert (outcome.status, outcome.reason) == ("refused", "memory")
