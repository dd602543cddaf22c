"""multilingual-e5-small as an int8 ONNX graph, exported once from the converted model folder.

ONNX Runtime runs the int8 graph in about a third of the time PyTorch needs for the fp32
model on a CPU with VNNI, and the vectors stay close to fp32 (cosine ≈ 0.98; retrieval
quality is measured by bench/search_eval.py). Exporting needs torch and transformers;
running the graph (nlp/vectors.py) needs neither.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from sentence_transformers import SentenceTransformer

OPSET = 17


class _Encoder(torch.nn.Module):
    """The transformer with positional inputs and one output, as the exporter wants it."""

    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask)[0]


def export_int8(folder: Path, target: Path) -> None:
    """Write the sentence model in `folder` to `target` as an int8 ONNX graph (atomically)."""
    # The converted folder is a sentence-transformers model: a transformer, mean pooling,
    # normalisation. The graph holds the transformer; nlp/vectors.py pools and normalises.
    model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)[0].auto_model
    export_module_int8(model, target, "last_hidden_state")


def export_module_int8(model: torch.nn.Module, target: Path, output: str) -> None:
    """Write a transformer taking (input_ids, attention_mask) to `target` as an int8 ONNX graph
    whose one output, its first, is named `output` (atomically)."""
    model.eval()
    ids = torch.ones((1, 8), dtype=torch.int64)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        fp32, int8 = Path(work) / "model.onnx", Path(work) / target.name
        torch.onnx.export(
            _Encoder(model),
            (ids, torch.ones_like(ids)),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=[output],
            dynamic_axes={
                name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", output)
            },
            opset_version=OPSET,
            dynamo=False,
        )
        # Per-channel scales keep the outputs closer to fp32 than one scale per matrix.
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
        int8.chmod(0o644)
        # Renamed into place whole: a killed export never leaves a half graph.
        int8.replace(target)
