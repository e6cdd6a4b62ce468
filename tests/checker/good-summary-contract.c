// RUN: %check %s | count 0
// A function callers outside the files checked can call, and which never takes or releases
// the lock its operation needs, leaves it to those callers: its contract, not a finding.
void zap_for_driver(struct vm_area_struct *vma, unsigned long addr)
{
	zap_page_range_single(vma, addr, PAGE_SIZE, NULL);
}
