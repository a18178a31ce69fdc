def label(count):
    text = f"{count} < limit"  # a < b in a comment
    doc = """x > y
and more"""
    raw = rb'\d+ == 1'
    return count < 10
