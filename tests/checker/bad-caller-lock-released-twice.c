// RUN: not %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// The caller's mmap read lock is dropped for a long allocation; without taking it again, a
// later release ends a hold this path no longer has, whoever held it on entry.
int collapse(struct mm_struct *mm, unsigned long address)
	__releases(&mm->mmap_lock)
{
	struct folio *folio;
	int result;

	mmap_read_unlock(mm);
	result = alloc_folio(&folio, mm);
	if (result)
		return result;
	result = revalidate(mm, address);
	if (result) {
// CHECK: :[[@LINE+3]]:3: error: 'mmap_read_unlock' releases 'mmap_lock' of 'mm', which this path has already released
// CHECK-NEXT: mmap_read_unlock(mm);
// CHECK: :[[@LINE-8]]:2: note: released here
		mmap_read_unlock(mm);
		return result;
	}
// CHECK: :[[@LINE+2]]:2: error: 'mmap_read_unlock' releases 'mmap_lock' of 'mm', which this path has already released
// CHECK: :[[@LINE-13]]:2: note: released here
	mmap_read_unlock(mm);
	mmap_write_lock(mm);
	result = collapse_locked(mm, address, folio);
	mmap_write_unlock(mm);
	return result;
}
