class Agent:
    def __init__(self): self.epsilon=1.0; self.steps=0; self.q=[0.1,0.5,0.2]
    def decay(self): self.epsilon=max(0.05,self.epsilon*0.999); self.steps+=1
    def best(self):
        b=0
        for i in range(1,len(self.q)):
            if self.q[i]>self.q[b]: b=i
        return b
a=Agent(); total=0
for _ in range(200000):
    a.decay(); total+=a.best(); a.q[total%3]+=0.001
print(total,a.steps)
