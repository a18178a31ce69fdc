def total(item, rows):
    value = compute(
        item.price,
        rows,
    )
    if value == None:
        return 0
    return value
