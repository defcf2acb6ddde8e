#include "common/dense_ids.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace precis::internal {

namespace {

// The table size for about `size` keys again: room to grow, but not the
// size some earlier, larger story needed. Probing a table sized for the
// largest story so far missed the CPU caches on most inserts.
std::size_t FitFor(std::size_t size) { return std::max<std::size_t>(1024, std::bit_ceil(4 * size)); }

// Empties `slots`, at most `fit` of them; the memory of a huge table is
// given back.
template <typename Slot>
void Refit(std::vector<Slot>* slots, std::size_t fit) {
  const std::size_t size = std::min(slots->size(), fit);
  if (slots->capacity() > (std::size_t{1} << 20) && size < slots->capacity()) {
    *slots = std::vector<Slot>(size);
  } else {
    slots->assign(size, Slot{});
  }
}

}  // namespace

void DenseIds::Clear() {
  Refit(&slots_, FitFor(size_));
  size_ = 0;
}

void DenseIds::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (!slot.used) continue;
    std::size_t i = Home(slot.key) & mask;
    while (slots_[i].used) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

std::uint32_t DenseIds::Insert(std::uint64_t key, bool* inserted) {
  if (2 * (size_ + 1) > slots_.size()) Grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = Home(key) & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (!slot.used) {
      slot = {key, static_cast<std::uint32_t>(size_++), true};
      *inserted = true;
      return slot.id;
    }
    if (slot.key == key) {
      *inserted = false;
      return slot.id;
    }
  }
}

void DenseStringIds::Clear() {
  Refit(&slots_, FitFor(spans_.size()));
  text_.clear();
  spans_.clear();
}

void DenseStringIds::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id_plus_one == 0) continue;
    std::size_t i = slot.hash & mask;
    while (slots_[i].id_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

std::uint32_t DenseStringIds::Insert(std::string_view key, bool* inserted) {
  if (2 * (spans_.size() + 1) > slots_.size()) Grow();
  const Ends ends = EndsOf(key);
  const std::uint32_t hash = Hash(key.size(), ends);
  Slot& slot = slots_[Probe(key, ends, hash)];
  *inserted = slot.id_plus_one == 0;
  if (*inserted) {
    spans_.push_back({text_.size(), key.size(), ends});
    text_.append(key);
    slot = {hash, static_cast<std::uint32_t>(spans_.size())};
  }
  return slot.id_plus_one - 1;
}

}  // namespace precis::internal
