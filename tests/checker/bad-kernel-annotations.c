// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
static noinline int __must_check leaky(struct mm_struct *mm)
{
	mmap_read_lock(mm);
// CHECK: :[[@LINE+1]]:2: error: 'mmap_lock' of 'mm' is still held at return
	return 0;
}

/* __must_hold(x) is a precondition its callers must meet, in x's exclusive mode. */
static void count_map(struct mm_struct *mm)
	__must_hold(&mm->mmap_lock)
{
	mm->map_count++;
}

static void unlocked_caller(struct mm_struct *mm)
{
// CHECK: :[[@LINE+2]]:2: error: call to 'count_map' without 'mmap_lock' of 'mm' for write (it holds none of its locks), which no caller in the files checked takes (through count_map)
// CHECK: :[[@LINE+1]]:2: note: needed by {{.*}}bad-kernel-annotations.c:11: 'count_map' is declared __must_hold(&mm->mmap_lock)
	count_map(mm);
}

static void count_map_again(struct mm_struct *mm)
	__must_hold(&mm->mmap_lock)
{
	mm->map_count--;
}

static void read_locked_caller(struct mm_struct *mm)
{
	mmap_read_lock(mm);
// CHECK: :[[@LINE+1]]:2: error: call to 'count_map_again' without 'mmap_lock' of 'mm' for write (it holds 'mmap_lock' of 'mm' for read)
	count_map_again(mm);
	mmap_read_unlock(mm);
}

/* __acquires(x): the caller returns from it holding x, and must release it. */
static void lock_table(struct mm_struct *mm, spinlock_t *ptl)
	__acquires(&mm->page_table_lock)
{
	spin_lock(ptl);
}

static void leaks_table(struct mm_struct *mm, spinlock_t *ptl)
{
	lock_table(mm, ptl);
// CHECK: :[[@LINE+1]]:1: error: 'page_table_lock' of 'mm' is still held at return
}
