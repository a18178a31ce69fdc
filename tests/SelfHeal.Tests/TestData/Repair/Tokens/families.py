DEFAULT_LIMIT = 5


def window(values, section, items):
    total = len(values) / 2
    if values is None and total > 1:
        items.sort()
    limit = int(section["limit"])
    try:
        return range(total - limit)
    except ValueError:
        return True
