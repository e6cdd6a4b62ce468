// RUN: %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// Only facts the checker cannot see (irqs_disabled) could allow this call: a note, not an error.
long pin(struct mm_struct *mm, unsigned long start, struct page **pages)
{
// CHECK: :[[@LINE+1]]:9: note: call to 'get_user_pages_fast' is allowed by operation 'gup_get' only if 'foll_get', '!foll_longterm', 'irqs_disabled' holds, which the checker cannot see
	return get_user_pages_fast(start, 1, 0, pages);
}
