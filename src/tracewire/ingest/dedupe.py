"""Finding reports that are near-duplicates of one already ingested (MinHash LSH).

The same story is often republished with a changed headline, a byline or a footer.
Each document gets a MinHash signature over word 5-shingles of its normalised text;
the signature is plain bytes so the store can persist it and rebuild the index.
"""

from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from tracewire.ingest.text import normalise_for_id

SHINGLE_WORDS = 5
# Fixed so that signatures stored by one run compare with those made by the next.
_SEED = 1
_SCHEME = "affine32"
_DTYPE = np.dtype("<u4")


class NearDuplicateIndex:
    """An index of document signatures answering "which earlier document is this one like?"."""

    def __init__(self, threshold: float = 0.85, num_perm: int = 128) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sketches: dict[str, LeanMinHash] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._sketches)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._sketches

    def signature(self, text: str) -> bytes:
        """The MinHash of the text's word 5-shingles, as `num_perm` little-endian uint32s."""
        sketch = MinHash(num_perm=self.num_perm, seed=_SEED, scheme=_SCHEME)
        sketch.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
        return bytes(np.asarray(sketch.hashvalues, dtype=_DTYPE).tobytes())

    def add(self, doc_id: str, signature: bytes) -> None:
        """Index a document's signature; adding an id that is already indexed does nothing."""
        if doc_id in self._sketches:
            return
        sketch = self._sketch(signature)
        self._lsh.insert(doc_id, sketch)
        self._sketches[doc_id] = sketch
        self._order[doc_id] = len(self._order)

    def remove(self, doc_id: str) -> None:
        """Forget a document (one that was decided new but could not be stored)."""
        if self._sketches.pop(doc_id, None) is not None:
            self._lsh.remove(doc_id)
            del self._order[doc_id]

    def query(self, signature: bytes) -> str | None:
        """The earliest-added document whose estimated Jaccard similarity reaches the threshold."""
        sketch = self._sketch(signature)
        # LSH candidates are approximate: confirm each with the estimated similarity.
        matches = [
            doc_id
            for doc_id in self._lsh.query(sketch)
            if self._sketches[doc_id].jaccard(sketch) >= self.threshold
        ]
        return min(matches, key=self._order.__getitem__, default=None)

    def _sketch(self, signature: bytes) -> LeanMinHash:
        """A signature's bytes back as a MinHash, checking that it fits this index."""
        if len(signature) != self.num_perm * _DTYPE.itemsize:
            raise ValueError(
                f"signature has {len(signature)} bytes, expected {self.num_perm * _DTYPE.itemsize}"
            )
        values = np.frombuffer(signature, dtype=_DTYPE).astype(np.uint32)
        return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)


def shingles(text: str) -> set[str]:
    """The word 5-shingles of the normalised text (the whole text when it is shorter)."""
    words = normalise_for_id(text).split()
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
