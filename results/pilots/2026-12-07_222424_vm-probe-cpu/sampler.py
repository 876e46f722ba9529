import time,sys
# Times a fixed CPU loop every 0.5 s by the thread's CPU time: a preemption by the benchmark does not count, a slower vCPU does.
out=open(sys.argv[1],'w')
def spin():
    x=0
    for i in range(20000): x+=i*i
    return x
while True:
    c0=time.thread_time(); w0=time.perf_counter(); spin(); c1=time.thread_time(); w1=time.perf_counter()
    out.write('%.3f %.4f %.4f\n'%(time.time(),(c1-c0)*1000,(w1-w0)*1000)); out.flush()
    time.sleep(0.5)
