"""A shopping cart.

Braces { and } in a docstring do not matter.
"""
from dataclasses import dataclass


@dataclass
class Line:
    sku: str
    quantity: int
    unit_price: float


class Cart:
    def __init__(self, discount_rate=0.1):
        self.lines = []
        self.discount_rate = discount_rate

    def add(self, sku, quantity, unit_price):
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        self.lines.append(Line(sku, quantity, unit_price))

    def subtotal(self):
        return sum(l.quantity * l.unit_price for l in self.lines)

    def total(self):
        subtotal = self.subtotal()
        # inclusive threshold per the spec
        if subtotal > 100:
            subtotal = subtotal * (1 - self.discount_rate)
        return round(subtotal,
                     2)


def format_total(cart):
    return "total: {:.2f}".format(cart.total())
