"""Buckets: a table packed in pieces, each decoded when first asked for and checked then."""

from __future__ import annotations

import pytest

from draftkit.buckets import Buckets, pack


def test_each_bucket_reads_back_as_it_was_packed():
    values = [{"安全": (1, "n")}, {}, ("甲", "乙"), {"生产": (2, "vn"), "管理": (3, "v")}]
    found = Buckets(pack(values), empty={})
    assert len(found) == 4
    assert [found[i] for i in range(4)] == values
    assert found[1] == {}  # an empty bucket takes no bytes and reads as ``empty``


def test_buckets_followed_by_other_bytes_know_their_own_size():
    data = pack([("a",), ("b", "c")])
    found = Buckets(data + b"more")
    assert found.nbytes == len(data)
    assert bytes(found.packed()) == data
    assert found[1] == ("b", "c")


def test_a_damaged_bucket_is_refused_when_it_is_read():
    data = bytearray(pack([("第一",), ("第二段文字",)]))
    data[-3] ^= 0xFF  # inside the last bucket's blob
    found = Buckets(bytes(data))
    assert found[0] == ("第一",)
    with pytest.raises(ValueError, match="damaged"):
        found[1]


def test_truncated_buckets_are_refused_at_once():
    data = pack([("第一",), ("第二段文字",)])
    with pytest.raises(ValueError, match="truncated"):
        Buckets(data[:-5])
