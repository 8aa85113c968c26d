class Item:
    __slots__ = ("id", "price", "tags")
    def __init__(self, id, price, tags): self.id = id; self.price = price; self.tags = tags
items = []
for i in range(2000):
    items.append(Item(i, (i % 97) * 1.5, ["sale"] if i % 3 == 0 else ["new", "x"]))
checksum = 0.0
for rnd in range(40):
    cheap = list(filter(lambda it: it.price < rnd + 40, items))
    prices = list(map(lambda it: it.price * 2, cheap))
    total = 0.0
    for p in prices: total = total + p
    tagged = len(list(filter(lambda it: "sale" in it.tags, items)))
    top = [it.id for it in sorted(cheap, key=lambda it: it.price, reverse=True)[:3]]
    checksum += total + tagged + sum(top)
print(checksum)
