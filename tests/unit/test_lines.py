"""Delivered files are decoded as UTF-8 line by line, in chunks, whatever their size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shared.storage.blobs import UnreadableFile, iter_lines, sha256_of


def test_a_character_split_over_two_chunks_is_decoded_whole() -> None:
    encoded = "naam\nJoëlle\n".encode()
    split = encoded.index(b"\xc3") + 1
    assert list(iter_lines([encoded[:split], encoded[split:]])) == ["naam", "Joëlle"]


def test_windows_line_endings_and_a_missing_final_newline() -> None:
    assert list(iter_lines([b"a;b\r\n1;2\r\n3;4"])) == ["a;b", "1;2", "3;4"]


def test_invalid_utf8_names_the_byte_where_it_goes_wrong() -> None:
    with pytest.raises(UnreadableFile, match="byte 12"):
        list(iter_lines([b"kop\n", b"regel 1\n", b"\xff"]))


def test_a_file_cut_off_inside_a_character_is_unreadable() -> None:
    with pytest.raises(UnreadableFile, match="midden in een UTF-8-teken"):
        list(iter_lines([b"a\n\xc3"]))


def test_lines_stream_without_holding_the_file() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10_000):
            yield b"1;2\n" * 256

    count = sum(1 for _ in iter_lines(chunks()))
    assert count == 2_560_000


def test_hash_and_size_of_a_stream() -> None:
    digest, size = sha256_of([b"ab", b"c"])
    assert digest == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert size == 3
