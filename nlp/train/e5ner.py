"""Fine-tune multilingual-e5-small for NER on NorNE bokmål + nynorsk train; writes the model
nlp/ner.py runs. It learns from pieces of consecutive sentences, as nlp/ner.py tags text, in
bfloat16 autocast. The learning rate decays to zero at the last step, whose model
is kept; bokmål dev F1 is printed along the way.

Usage: python -m nlp.train.e5ner NORNE_DIR OUT_DIR [STEPS]
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import torch
from safetensors.torch import save_file
from transformers import AutoTokenizer, BertForTokenClassification

from nlp.e5convert import ensure_model
from nlp.ner import first_subwords, spans
from nlp.train.norne import read_sentences

NORNE_LABELS = ["PER", "ORG", "GPE_LOC", "GPE_ORG", "LOC", "PROD", "DRV", "EVT", "MISC"]
TAGS = ["O"] + [f"{p}-{label}" for label in NORNE_LABELS for p in "BI"]
LAYERS = 12
PIECE_WORDS = 40  # words a training piece holds at most (nlp/ner.py tags longer pieces)
BATCH = 16  # pieces a step
BREAK = 0.25  # the chance that a piece ends early, before any sentence
LEARN_RATE = 1e-4
WARMUP = 200  # steps, then a linear decay to zero
EVAL_EVERY = 500
SEED = 0
Sentence = tuple[list[str], list[bool], list[str]]


def train(norne: Path, out: Path, steps: int) -> float:
    """Train for `steps` steps and write the model to `out`; return its bokmål dev F1."""
    folder = ensure_model()
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    sentences = [
        list(read_sentences(norne / "nob" / "no_bokmaal-norne-train-from-ndt.conllu")),
        list(read_sentences(norne / "nno" / "no_nynorsk-norne-train-from-ndt.conllu")),
    ]
    dev = _pieces(list(read_sentences(norne / "nob" / "no_bokmaal-ud-dev.conllu")), 0.0)
    model = BertForTokenClassification.from_pretrained(
        folder, num_labels=len(TAGS), num_hidden_layers=LAYERS, local_files_only=True
    )
    # The word embeddings (96 of the 118 M weights) stay the e5 model's own, so they need
    # not ship with the NER model.
    model.bert.embeddings.word_embeddings.weight.requires_grad = False
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=LEARN_RATE, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1, s / WARMUP) * max(0.0, 1 - s / steps)
    )
    random.seed(SEED)
    torch.manual_seed(SEED)
    model.train()
    score, step, started = 0.0, 0, time.time()
    while step < steps:
        for batch in _batches([p for part in sentences for p in _pieces(part, BREAK)]):
            inputs, labels = _encode(tokenizer, batch)
            with torch.autocast("cpu", dtype=torch.bfloat16):
                loss = model(**inputs, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if step % EVAL_EVERY == 0 or step == steps:
                score = f1(model, tokenizer, dev)
                print(f"step {step}: loss {loss.item():.3f}, bokmål dev F1 {score:.4f}, "
                      f"{time.time() - started:.0f} s", flush=True)  # fmt: skip
            if step >= steps:
                break
    save(model, out)
    return score


def _pieces(sentences: list[Sentence], chance: float) -> list[Sentence]:
    """Consecutive sentences (mostly of one document, as NorNE keeps their order) joined into
    pieces of at most PIECE_WORDS words; a piece ends early with `chance` before each sentence,
    so that pieces vary from epoch to epoch. A longer sentence is a piece of its own."""
    pieces: list[Sentence] = []
    for words, spaces, tags in sentences:
        last = pieces[-1] if pieces else None
        if last and len(last[0]) + len(words) <= PIECE_WORDS and random.random() >= chance:
            for joined, more in zip(last, (words, spaces, tags), strict=True):
                joined.extend(more)
        else:
            pieces.append((list(words), list(spaces), list(tags)))
    return pieces


def _batches(sentences: list[Sentence]) -> list[list[Sentence]]:
    """One epoch's batches: shuffled, each of pieces of similar length (little padding)."""
    random.shuffle(sentences)
    batches = []
    for i in range(0, len(sentences), BATCH * 50):
        pool = sorted(sentences[i : i + BATCH * 50], key=lambda s: len(s[0]))
        group = [pool[j : j + BATCH] for j in range(0, len(pool), BATCH)]
        random.shuffle(group)
        batches.extend(group)
    return batches


def _encode(tokenizer, batch: list[Sentence]):
    """Model inputs, and labels on each word's first subword (-100 elsewhere: not scored)."""
    inputs = tokenizer(
        [words for words, _, _ in batch],
        is_split_into_words=True,
        truncation=True,
        max_length=256,
        padding=True,
        return_tensors="pt",
    )
    labels = torch.full(inputs["input_ids"].shape, -100)
    index = {tag: i for i, tag in enumerate(TAGS)}
    for row, (_, _, tags) in enumerate(batch):
        for position, word in first_subwords(inputs.word_ids(row)):
            labels[row, position] = index.get(tags[word], 0)
    return inputs, labels


def f1(model, tokenizer, sentences: list[Sentence]) -> float:
    """Exact-span micro F1 of the model's tags against the sentences' own."""
    model.eval()
    found = gold = right = 0
    with torch.no_grad():
        for i in range(0, len(sentences), 64):
            batch = sentences[i : i + 64]
            inputs, _ = _encode(tokenizer, batch)
            best = model(**inputs).logits.argmax(-1)
            for row, (words, _, tags) in enumerate(batch):
                predicted = ["O"] * len(words)
                for position, word in first_subwords(inputs.word_ids(row)):
                    predicted[word] = TAGS[best[row, position]]
                mine, theirs = set(spans(predicted)), set(spans(tags))
                found, gold, right = (
                    found + len(mine),
                    gold + len(theirs),
                    right + len(mine & theirs),
                )
    model.train()
    return 2 * right / max(1, found + gold)


def save(model: BertForTokenClassification, out: Path) -> None:
    """The trained weights in fp16 (all but the frozen word embeddings) and the tag list."""
    out.mkdir(parents=True, exist_ok=True)
    weights = {
        name: value.detach().half().contiguous()
        for name, value in model.state_dict().items()
        if name != "bert.embeddings.word_embeddings.weight" and "position_ids" not in name
    }
    save_file(weights, out / "weights.safetensors")
    config = {"base": "multilingual-e5-small", "layers": LAYERS, "tags": TAGS}
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str]) -> None:
    """Usage: python -m nlp.train.e5ner NORNE_DIR OUT_DIR [STEPS]"""
    steps = int(argv[2]) if len(argv) > 2 else 5000
    score = train(Path(argv[0]), Path(argv[1]), steps)
    print(f"bokmål dev F1 {score:.4f}, model in {argv[1]}")


if __name__ == "__main__":
    main(sys.argv[1:])
