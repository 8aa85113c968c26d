seed = 42


def rand(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n


def gen(depth):
    if depth == 0 or rand(4) == 0:
        if rand(2) == 0:
            return str(rand(100))
        return ["x", "y", "z", "w"][rand(4)]
    ops = ["+", "-", "*", "%"]
    op = ops[rand(4)]
    l = gen(depth - 1)
    r = gen(depth - 1)
    if rand(3) == 0:
        return "(" + l + " " + op + " " + r + ")"
    return l + " " + op + " " + r


class Token:
    def __init__(self, kind, text, value):
        self.kind = kind
        self.text = text
        self.value = value


def tokenize(src):
    toks = []
    chars = list(src)
    i = 0
    while i < len(chars):
        c = chars[i]
        if c == " ":
            i += 1
        elif c.isdigit():
            v = 0
            while i < len(chars) and chars[i].isdigit():
                v = v * 10 + int(chars[i])
                i += 1
            toks.append(Token(0, "", v))
        elif c.isalpha():
            name = ""
            while i < len(chars) and chars[i].isalpha():
                name += chars[i]
                i += 1
            toks.append(Token(1, name, 0))
        elif c == "(":
            toks.append(Token(3, "(", 0))
            i += 1
        elif c == ")":
            toks.append(Token(4, ")", 0))
            i += 1
        else:
            toks.append(Token(2, c, 0))
            i += 1
    toks.append(Token(5, "", 0))
    return toks


modulus = 10007


class Node:
    def eval(self, env):
        return 0

    def size(self):
        return 1


class Num(Node):
    def __init__(self, v):
        self.v = v

    def eval(self, env):
        return self.v


class Var(Node):
    def __init__(self, name):
        self.name = name

    def eval(self, env):
        return env.get(self.name, 0)


class BinOp(Node):
    def __init__(self, op, l, r):
        self.op = op
        self.l = l
        self.r = r

    def eval(self, env):
        a = self.l.eval(env)
        b = self.r.eval(env)
        op = self.op
        if op == "+":
            x = a + b
        elif op == "-":
            x = a - b
        elif op == "*":
            x = a * b
        else:
            x = 0 if b == 0 else a % b
        return (x % modulus + modulus) % modulus

    def size(self):
        return 1 + self.l.size() + self.r.size()


class Parser:
    def __init__(self, toks):
        self.toks = toks
        self.pos = 0

    def peek(self):
        return self.toks[self.pos]

    def next(self):
        t = self.toks[self.pos]
        self.pos += 1
        return t

    def parse_expr(self):
        left = self.parse_term()
        while self.peek().kind == 2 and (self.peek().text == "+" or self.peek().text == "-"):
            op = self.next().text
            left = BinOp(op, left, self.parse_term())
        return left

    def parse_term(self):
        left = self.parse_atom()
        while self.peek().kind == 2 and (self.peek().text == "*" or self.peek().text == "%"):
            op = self.next().text
            left = BinOp(op, left, self.parse_atom())
        return left

    def parse_atom(self):
        t = self.next()
        if t.kind == 0:
            return Num(t.value)
        if t.kind == 1:
            return Var(t.text)
        if t.kind == 3:
            e = self.parse_expr()
            self.next()
            return e
        return Num(0)


token_count = 0
nodes = 0
checksum = 0
for _ in range(300):
    src = gen(5)
    toks = tokenize(src)
    token_count += len(toks)
    tree = Parser(toks).parse_expr()
    nodes += tree.size()
    for k in range(20):
        env = {"x": k, "y": k * 7 + 1, "z": 100 - k, "w": k * k}
        checksum = (checksum + tree.eval(env)) % 1000000007
print(token_count, nodes, checksum)
