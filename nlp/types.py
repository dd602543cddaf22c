"""Plain values that leave the nlp package."""

from __future__ import annotations

from dataclasses import dataclass

# A money value in NOK: an exact amount, or (min, max) for a range or an upper bound.
Value = float | tuple[float, float] | None


@dataclass(frozen=True)
class Entity:
    """One mention: character offsets into the analysed text and its normalised form."""

    type: str  # PERSON, ORG, CLUSTER, PROGRAMME, MONEY, LOCATION, DATE
    text: str
    start: int
    end: int
    canonical: str
    value: Value = None
    per_year: bool = False
    role: str | None = None
    affiliation: str | None = None

    def within(self, other: Entity) -> bool:
        """Whether this mention lies inside `other` and is shorter."""
        return (other.start <= self.start and self.end <= other.end
                and self.end - self.start < other.end - other.start)  # fmt: skip

    def as_dict(self) -> dict:
        """The JSON form used by the CLI, the API and the stores."""
        out: dict = {
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "canonical": self.canonical,
            "value": list(self.value) if isinstance(self.value, tuple) else self.value,
        }
        if self.per_year:
            out["per_year"] = True
        if self.role:
            out["role"] = self.role
        if self.affiliation:
            out["affiliation"] = self.affiliation
        return out


@dataclass(frozen=True)
class Funding:
    """A grant stated in one sentence: who gives how much to whom, through which programme."""

    funder: str | None
    recipient: str | None
    programme: str | None
    amount: Value
    per_year: bool = False

    def as_dict(self) -> dict:
        """The JSON form used by the CLI, the API and the stores."""
        return {
            "funder": self.funder,
            "recipient": self.recipient,
            "programme": self.programme,
            "amount": list(self.amount) if isinstance(self.amount, tuple) else self.amount,
            "per_year": self.per_year,
        }
