import math
class Vec:
    __slots__=("x","y")
    def __init__(s,x,y): s.x=x; s.y=y
    def __add__(a,b): return Vec(a.x+b.x,a.y+b.y)
    @property
    def length(s): return math.sqrt(s.x*s.x+s.y*s.y)
    def scale(s,k): s.x*=k; s.y*=k
p=Vec(0.0,0.0); total=0.0
for i in range(200000):
    v=Vec(float(i%7),1.0); v.scale(0.5); p=p+v; total+=v.length
print(p.x,total)
