import time,sys
# Times a fixed CPU loop every 0.5 s: the machine's speed as a tiny probe sees it.
out=open(sys.argv[1],'w')
def spin():
    x=0
    for i in range(20000): x+=i*i
    return x
while True:
    t0=time.perf_counter(); spin(); dt=time.perf_counter()-t0
    out.write('%.3f %.3f\n'%(time.time(),dt*1000)); out.flush()
    time.sleep(0.5)
