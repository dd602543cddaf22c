"""Running an e5 graph over tokenised texts: batches of similar length, padded."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np


def padded_runs(
    session, encodings: Sequence, batch_size: int, pad: int
) -> Iterator[tuple[list[int], np.ndarray, np.ndarray]]:
    """(indices into `encodings`, the graph's first output, attention mask) for each run of
    `batch_size` encodings; runs hold encodings of similar length, so that little is spent on
    padding with the token `pad`."""
    order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
    for start in range(0, len(order), batch_size):
        batch = order[start : start + batch_size]
        width = max(len(encodings[i].ids) for i in batch)
        ids = np.full((len(batch), width), pad, dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, i in enumerate(batch):
            n = len(encodings[i].ids)
            ids[row, :n] = encodings[i].ids
            mask[row, :n] = 1
        (output,) = session.run(None, {"input_ids": ids, "attention_mask": mask})
        yield batch, output, mask
