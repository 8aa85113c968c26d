# Twin of style-gridworld.md: tabular Q-learning on a gridworld.
UP, DOWN, LEFT, RIGHT = 0, 1, 2, 3


class GridWorld:
    def __init__(self, width, height, walls, goal):
        self.width = width
        self.height = height
        self.walls = walls
        self.goal = goal

    def step(self, x, y, a):
        nx = x
        ny = y
        if a == UP:
            ny -= 1
        elif a == DOWN:
            ny += 1
        elif a == LEFT:
            nx -= 1
        elif a == RIGHT:
            nx += 1
        if nx < 0 or nx >= self.width or ny < 0 or ny >= self.height or self.walls[ny][nx]:
            nx = x
            ny = y
        if nx == self.goal[0] and ny == self.goal[1]:
            return (nx, ny, 10.0, True)
        return (nx, ny, -0.1, False)


seed = 12345


def rand():
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648.0


def greedy(row):
    best = 0
    for k in range(1, len(row)):
        if row[k] > row[best]:
            best = k
    return best


w = 8
h = 6
walls = [[False] * w for _ in range(h)]
for y in range(1, 5):
    walls[y][3] = True
walls[2][3] = False
walls[4][6] = True
walls[1][5] = True
world = GridWorld(w, h, walls, (7, 5))
q = [[0.0] * 4 for _ in range(w * h)]
alpha = 0.5
gamma = 0.95
epsilon = 0.3
total_steps = 0
successes = 0
for _ in range(3000):
    x = 0
    y = 0
    steps = 0
    done = False
    while not done and steps < 200:
        s = y * w + x
        a = UP
        if rand() < epsilon:
            a = int(rand() * 4)
        else:
            a = greedy(q[s])
        nx, ny, r, end = world.step(x, y, a)
        ns = ny * w + nx
        target = r if end else r + gamma * max(q[ns])
        q[s][a] += alpha * (target - q[s][a])
        x = nx
        y = ny
        steps += 1
        done = end
    total_steps += steps
    if done:
        successes += 1
    epsilon = max(0.01, epsilon * 0.99)

lines = []
for y in range(h):
    line = ""
    for x in range(w):
        if world.walls[y][x]:
            line += "#"
        elif x == world.goal[0] and y == world.goal[1]:
            line += "G"
        else:
            line += ["^", "v", "<", ">"][greedy(q[y * w + x])]
    lines.append(line)
print("\n".join(lines))
checksum = 0
for row in q:
    for v in row:
        checksum = (checksum * 31 + int(v * 1000) + 1000000) % 1000000007
print(total_steps, successes, checksum)
