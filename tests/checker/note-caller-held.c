// RUN: %check %s | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// A function that releases a lock it never takes was called with it held (kernel code marks
// these __releases()); the checker says what it assumed, and it is not a finding.
static void cond_resched_rcu(struct kmemleak_object *object)
{
// CHECK: :[[@LINE+1]]:2: note: 'rcu_read_unlock' releases 'rcu', which this function has not taken: assumed held by its caller
	rcu_read_unlock();
	cond_resched();
	/* Taking it again restores the caller's state: not a leak. */
	rcu_read_lock();
}
