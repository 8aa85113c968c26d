class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Heap:
    def __init__(self):
        self.items = []

    def is_empty(self):
        return not self.items

    def push(self, d, v):
        items = self.items
        items.append((d, v))
        i = len(items) - 1
        while i > 0:
            p = (i - 1) // 2
            if items[p][0] <= items[i][0]:
                break
            items[p], items[i] = items[i], items[p]
            i = p

    def pop(self):
        items = self.items
        top = items[0]
        last = items.pop()
        if items:
            items[0] = last
            i = 0
            n = len(items)
            while True:
                l = 2 * i + 1
                r = l + 1
                m = i
                if l < n and items[l][0] < items[m][0]:
                    m = l
                if r < n and items[r][0] < items[m][0]:
                    m = r
                if m == i:
                    break
                items[m], items[i] = items[i], items[m]
                i = m
        return top


class Grid:
    def __init__(self, w, h, cost):
        self.w = w
        self.h = h
        self.cost = cost

    def inside(self, p):
        return p.x >= 0 and p.x < self.w and p.y >= 0 and p.y < self.h

    def index(self, p):
        return p.y * self.w + p.x

    def point(self, i):
        return Point(i % self.w, i // self.w)


dirs = [(1, 0), (-1, 0), (0, 1), (0, -1)]
INT_MAX = 9223372036854775807


def dijkstra(g, start):
    dist = [INT_MAX] * (g.w * g.h)
    heap = Heap()
    dist[g.index(start)] = 0
    heap.push(0, g.index(start))
    while not heap.is_empty():
        d, v = heap.pop()
        if d > dist[v]:
            continue
        p = g.point(v)
        for dx, dy in dirs:
            q = Point(p.x + dx, p.y + dy)
            if not g.inside(q):
                continue
            u = g.index(q)
            nd = d + g.cost[u]
            if nd < dist[u]:
                dist[u] = nd
                heap.push(nd, u)
    return dist


def bfs(g, start):
    seen = [False] * (g.w * g.h)
    queue = [(start, 0)]
    head = 0
    far = 0
    seen[g.index(start)] = True
    while head < len(queue):
        p, steps = queue[head]
        head += 1
        far = max(far, steps)
        for dx, dy in dirs:
            q = Point(p.x + dx, p.y + dy)
            if g.inside(q) and g.cost[g.index(q)] < 9 and not seen[g.index(q)]:
                seen[g.index(q)] = True
                queue.append((q, steps + 1))
    return far * 100000 + len(queue)


seed = 7
cost = []
for _ in range(40 * 40):
    seed = (seed * 1103515245 + 12345) % 2147483648
    cost.append(1 + seed % 9)
grid = Grid(40, 40, cost)
total = 0
reach = 0
for s in range(6):
    start = Point((s * 7) % 40, (s * 13) % 40)
    dist = dijkstra(grid, start)
    total += sum(dist) + dist[grid.w * grid.h - 1]
    reach += bfs(grid, start)
print(total, reach)
