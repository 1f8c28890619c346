"""The methodology page: how the calculator scores, generated from calculator.yml."""
from __future__ import annotations

# Section ids the methodology template writes (`{ #id }` on headings), with their titles.
METHODOLOGY_SECTIONS: dict[str, str] = {
    "method-score": "How the score works",
    "method-points": "Points per answer",
    "method-gates": "The gates",
    "method-outcomes": "From score to verdict",
    "method-confidence": "Confidence",
    "method-flips": "What would change the verdict",
    "method-warnings": "Warnings",
    "method-cost": "Cost and break-even",
}
