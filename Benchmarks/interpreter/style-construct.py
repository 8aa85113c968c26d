class P:
    __slots__=("x","y")
    def __init__(self,x,y): self.x=x; self.y=y
class Node:
    def __init__(self,v,next): self.v=v; self.next=next
s=0.0; last=None
for i in range(300000):
    p=P(float(i),1.0); s+=p.x+p.y; last=Node(i,None)
print(s,last.v)
