import time,sys,os
# Every 0.5 s, by the thread's CPU time: a 16 MB memory copy (bandwidth, beyond the cache) and 2,000 getppid syscalls.
out=open(sys.argv[1],'w')
src=bytearray(16*1024*1024)
while True:
    c0=time.thread_time(); dst=bytes(src); c1=time.thread_time()
    for _ in range(2000): os.getppid()
    c2=time.thread_time()
    del dst
    out.write('%.3f %.4f %.4f\n'%(time.time(),(c1-c0)*1000,(c2-c1)*1000)); out.flush()
    time.sleep(0.5)
