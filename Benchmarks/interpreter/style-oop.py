class Shape:
    def __init__(self, name): self.name = name; self.scale = 1.0
    def area(self): return 0.0
    def describe(self): return self.area() * self.scale
class Rect(Shape):
    def __init__(self, w, h):
        self.w = w; self.h = h
        super().__init__("rect")
    def area(self): return self.w * self.h
class Square(Rect):
    def __init__(self, side): super().__init__(side, side)
    def describe(self): return super().describe() + 1
class Circle(Shape):
    def __init__(self, r): self.r = r; super().__init__("circle")
    def area(self): return 3.14159 * self.r * self.r
shapes = []
for i in range(300):
    d = float(i % 10)
    if i % 3 == 0: shapes.append(Rect(d, 2.0))
    elif i % 3 == 1: shapes.append(Square(d))
    else: shapes.append(Circle(d))
total = 0.0
for rnd in range(1000):
    for s in shapes:
        total += s.describe()
        s.scale = float(rnd % 2)
print(total)
