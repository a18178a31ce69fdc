from shop.cart import Cart


def test_total_without_discount():
    cart = Cart()
    cart.add("apple", 2, 10.0)
    assert cart.total() == 20.0


def test_total_at_threshold_applies_discount():
    cart = Cart()
    cart.add("pear", 10, 10.0)
    assert cart.total() == 90.0
