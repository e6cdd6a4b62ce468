void f(struct mm_struct *mm) { if (!mmap_read_trylock(mm)) goto out; for (;;) { switch (x) { case 1: break; } } out: return; }
