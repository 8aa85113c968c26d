def apply(f,x): return f(x)
sq=lambda v: v*v
acc=0.0
for i in range(300000):
    acc+=apply(sq,float(i%10)); acc+=apply(lambda x: x+1,1.0)
xs=[float(i) for i in range(1000)]
for _ in range(100): acc+=sum(map(lambda v: v*2, xs))
print(acc)
