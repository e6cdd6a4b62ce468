// The quiescent-point invariants of the stress tool and the tests.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/mm.h"
#include "core/notifier.h"
#include "core/page_table.h"

namespace lockspec::core {
namespace {

/// Checks one VMA of the map against its entry and its anon_vma.
void checkVma(Mm *mm, const VmaMap::Entry &e) LOCKSPEC_REQUIRES(mm->mmap_lock) {
  Vma *vma = e.vma;
  alias::mmap_lock_write(mm, vma); // vma is in mm's map
  unsigned long start = vma->vm_start(via::mmap_lock{}), end = vma->vm_end(via::mmap_lock{});
  long pgoff = static_cast<long>(vma->vm_pgoff(via::mmap_lock{}));
  if (start != e.start || end != e.end)
    mm->report.fail("the VMA map disagrees with a VMA's fields");
  if (pgoff - static_cast<long>(start >> kPageShift) != vma->pgoffBias)
    mm->report.fail("a VMA's vm_pgoff disagrees with its vm_start");
  if (vma->detached.load())
    mm->report.fail("a VMA in the map is marked detached");
  const bool shared = vma->flags(via::mmap_lock{}) & VM_SHARED;
  if (!vma->anon_vma != (vma->mapping && shared)) {
    mm->report.fail(vma->anon_vma ? "a shared file VMA has an anon_vma"
                                  : "a private VMA has no anon_vma");
    return;
  }
  if (lockspec::address_space *m = vma->mapping) {
    i_mmap_lock_read(m);
    const std::vector<Vma *> &linked = mappingVmas(m);
    if (std::find(linked.begin(), linked.end(), vma) == linked.end())
      mm->report.fail("a file VMA in the map is not in its file's i_mmap tree");
    for (Vma *other : linked)
      if (other->detached.load())
        mm->report.fail("an i_mmap tree still links a detached VMA");
    i_mmap_unlock_read(m);
  }
  for (lockspec::anon_vma *av : vma->chain()) {
    anon_vma_lock_read(av);
    const std::vector<Vma *> &linked = anonVmaVmas(av);
    if (std::find(linked.begin(), linked.end(), vma) == linked.end())
      mm->report.fail("a VMA in the map is not reachable through an anon_vma of its chain");
    for (Vma *other : linked)
      if (other->detached.load())
        mm->report.fail("an anon_vma still links a detached VMA");
    anon_vma_unlock_read(av);
  }
}

} // namespace

long checkQuiescent(Mm *mm) {
  const long before = mm->report.count();
  mmap_write_lock(mm);
  const VmaMap *map = mm->map.load();
  unsigned long prevEnd = 0;
  for (const VmaMap::Entry &e : map->entries) {
    if (e.start < prevEnd || e.start >= e.end)
      mm->report.fail("the VMA map overlaps or is unsorted");
    prevEnd = e.end;
    checkVma(mm, e);
  }
  // Every table reachable, every entry inside a VMA and mapping a live folio.
  std::map<unsigned, int> maps;
  long tables = 0;
  for (unsigned g = 0; g < kEntries; ++g) {
    PudTable *pud = mm->pgdTable.entries[g].load();
    if (!pud)
      continue;
    for (unsigned u = 0; u < kEntries; ++u) {
      PmdTable *pmd = pud->entries[u].load();
      if (!pmd)
        continue;
      for (unsigned m = 0; m < kEntries; ++m) {
        PteTable *pte = pmd->entries[m].load();
        if (!pte)
          continue;
        ++tables;
        tableAlive(mm, pte);
        for (unsigned t = 0; t < kEntries; ++t) {
          std::uint64_t v = pte->entries[t].load();
          if (!v)
            continue;
          unsigned long addr = (static_cast<unsigned long>(g) << 39) |
                               (static_cast<unsigned long>(u) << 30) |
                               (static_cast<unsigned long>(m) << 21) |
                               (static_cast<unsigned long>(t) << 12);
          if (!map->find(addr))
            mm->report.fail("an entry is installed outside every VMA at " + std::to_string(addr));
          if (!mm->pool.allocated(pteFolio(v)))
            mm->report.fail("an entry maps a freed folio at " + std::to_string(addr));
          ++maps[pteFolio(v)];
        }
      }
    }
  }
  if (tables != mm->liveTables.load())
    mm->report.fail(std::to_string(mm->liveTables.load() - tables) +
                    " PTE tables are allocated but unreachable");
  // Folio counts: each mapping holds one reference, each pin the bias, the page cache one on
  // its folios; nothing else is held at a quiescent point.
  for (unsigned id = 1; id <= mm->pool.size(); ++id) {
    if (!mm->pool.allocated(id))
      continue;
    Folio *f = mm->pool.get(id);
    int mapped = maps.count(id) ? maps[id] : 0;
    int pins = f->pincount.load();
    if (f->mapcount.load() != mapped)
      mm->report.fail("folio " + std::to_string(id) + " has mapcount " +
                      std::to_string(f->mapcount.load()) + " but " + std::to_string(mapped) +
                      " entries map it");
    const int cache = f->mapping ? 1 : 0;
    if (pins > 0 && mapped > 1 && !f->mapping)
      mm->report.fail("pinned folio " + std::to_string(id) + " is shared copy-on-write by " +
                      std::to_string(mapped) + " entries");
    if (f->refcount.load() != mapped + pins * kGupPinCountingBias + cache)
      mm->report.fail("folio " + std::to_string(id) + " has refcount " +
                      std::to_string(f->refcount.load()) + " for " + std::to_string(mapped) +
                      " mappings, " + std::to_string(pins) + " pins and " + std::to_string(cache) +
                      " page-cache references");
  }
  if (SecondaryMmu *mmu = mm->notifier.load())
    mmu->check(mm); // the device maps nothing the primary does not
  mmap_write_unlock(mm);
  return mm->report.count() - before;
}

} // namespace lockspec::core
