#include "core/mm.h"

#include <algorithm>
#include <cstdio>

#include "core/page_table.h"

namespace lockspec::core {

PteTable::PteTable(Mm *owner, PmdTable *parent) {
  mm = owner;
  pmd = parent;
}

PmdTable::PmdTable(Mm *owner) { mm = owner; }

Vma::Vma(Mm *owner) { set_vm_mm(owner); }

const std::vector<Vma *> &anonVmaVmas(lockspec::anon_vma *av) {
  return static_cast<AnonVma *>(av)->vmas_;
}

void anonVmaLink(lockspec::anon_vma *av, Vma *vma) {
  static_cast<AnonVma *>(av)->vmas_.push_back(vma);
}

bool anonVmaUnlink(lockspec::anon_vma *av, Vma *vma) {
  std::vector<Vma *> &v = static_cast<AnonVma *>(av)->vmas_;
  auto it = std::find(v.begin(), v.end(), vma);
  if (it == v.end())
    return false;
  v.erase(it);
  return true;
}

/// Links `vma` to `av`, which shares the root that `locked` names.
static void linkSameRoot(lockspec::anon_vma *locked, lockspec::anon_vma *av, Vma *vma)
    LOCKSPEC_REQUIRES(locked->root->rwsem) {
  if (av->root != locked->root) {
    mmOf(vma)->report.fail("an anon_vma chain mixes roots");
    return;
  }
  av->root->rwsem.assert_held(); // the same rwsem as locked->root's
  anonVmaLink(av, vma);
}

void anonVmaLinkChain(lockspec::anon_vma *locked, const std::vector<lockspec::anon_vma *> &chain,
                      Vma *vma) {
  for (lockspec::anon_vma *av : chain)
    linkSameRoot(locked, av, vma);
}

const VmaMap::Entry *VmaMap::find(unsigned long addr) const {
  auto it = std::upper_bound(entries.begin(), entries.end(), addr,
                             [](unsigned long a, const Entry &e) { return a < e.start; });
  if (it == entries.begin())
    return nullptr;
  --it;
  return addr < it->end ? &*it : nullptr;
}

void Report::fail(const std::string &what) {
  if (count_.fetch_add(1) < 20)
    std::fprintf(stderr, "lockspec-core: invariant violated: %s\n", what.c_str());
}

Mm::Mm(FolioPool &p, Report &r) : pool(p), report(r) { map.store(new VmaMap); }

Mm::~Mm() {
  // What still waits for a grace period (tables, maps, VMAs) no longer refers to the mm.
  // Nothing else runs: free what the address space still owns.  Entries still mapped drop
  // their folio references as an exiting process's would.
  for (auto &pgde : pgdTable.entries) {
    PudTable *pud = pgde.load();
    if (!pud)
      continue;
    for (auto &pude : pud->entries) {
      PmdTable *pmd = pude.load();
      if (!pmd)
        continue;
      for (auto &pmde : pmd->entries) {
        PteTable *pte = pmde.load();
        if (!pte)
          continue;
        for (auto &e : pte->entries)
          if (std::uint64_t v = e.load()) {
            Folio *f = pool.get(pteFolio(v));
            f->mapcount.fetch_sub(1);
            if (!pool.put(f))
              report.fail("teardown freed a folio still pinned or mapped");
          }
        liveTables.fetch_sub(1, std::memory_order_relaxed);
        delete pte;
      }
      delete pmd;
    }
    delete pud;
  }
  VmaMap *m = map.load();
  for (const VmaMap::Entry &e : m->entries)
    delete e.vma;
  delete m;
}

std::uint64_t peekPte(Mm *mm, unsigned long addr) {
  rcu_read_lock();
  std::uint64_t v = 0;
  if (PmdTable *pmd = pmdFind(mm, addr))
    if (PteTable *pte = rcuDereference(pmd->entries[pmdIndex(addr)]))
      v = pte->entries[pteIndex(addr)].load(std::memory_order_acquire);
  rcu_read_unlock();
  return v;
}

} // namespace lockspec::core
