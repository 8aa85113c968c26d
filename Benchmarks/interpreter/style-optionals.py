class Node:
    __slots__ = ("value", "next")
    def __init__(self, value, next): self.value = value; self.next = next
head = None
for i in range(1000): head = Node(i, head)
table = {3: 30, 5: 50, 7: 70}
total = 0
rnd = 0
while rnd < 300:
    node = head
    while node is not None:
        total += node.value
        bonus = table.get(node.value % 10)
        if bonus is not None: total += bonus
        node = node.next
    rnd += 1
print(total)
