// pin_user_pages under the mmap read lock, and registering an MMU notifier, which takes the
// mmap write lock itself (mm/mmu_notifier.c: mmu_notifier_register).
#include "lockspec/mm_locks.h"

using namespace lockspec;

void pinPages(struct mm_struct *mm) {
  fact::assume_foll_pin();
  fact::assume_foll_longterm();
  mmap_read_lock(mm);
  op::gup_pin_longterm(mm, via::slow{});
  mmap_read_unlock(mm);
}

void registerNotifier(struct mm_struct *mm) {
  fact::assume_mm_users_held();
  op::mmu_notifier_register(mm);
}
