// RUN: %check %s | count 0
// The kernel's lock annotations (compiler-context-analysis.h) are the function's contract:
// `__must_hold(x)` holds x on entry and asks it of the callers, `__acquires(x)` and
// `__cond_acquires(result, x)` return holding x, `__releases(x)` releases the caller's x.
// Annotations with no lock effect (__always_inline, __init) are blanked, so all of these
// functions are checked rather than skipped.
static __always_inline void unlock_mm(struct mm_struct *mm)
	__releases(&mm->mmap_lock)
{
	mmap_read_unlock(mm);
}

static int __init __maybe_unused walk_init(struct mm_struct *mm)
{
	mmap_read_lock(mm);
	unlock_mm(mm);
	return 0;
}

static void count_map(struct mm_struct *mm)
	__must_hold(&mm->mmap_lock)
{
	mm->map_count++;
}

int add_map(struct mm_struct *mm)
{
	mmap_write_lock(mm);
	count_map(mm);
	mmap_write_unlock(mm);
	return 0;
}

/* Entries that return holding the lock, as their annotation says. */
void lock_mm_for_write(struct mm_struct *mm)
	__acquires(&mm->mmap_lock)
{
	mmap_write_lock(mm);
}

int lock_mm_killable(struct mm_struct *mm)
	__cond_acquires(0, &mm->mmap_lock)
{
	if (mmap_write_lock_killable(mm))
		return -EINTR;
	return 0;
}

/* The body takes it through a pointer the checker cannot tie: the annotation says which. */
static void lock_table(struct mm_struct *mm, spinlock_t *ptl)
	__acquires(&mm->page_table_lock)
{
	spin_lock(ptl);
}

static void use_table(struct mm_struct *mm, spinlock_t *ptl)
{
	lock_table(mm, ptl);
	spin_unlock(&mm->page_table_lock);
}
