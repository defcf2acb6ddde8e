#include "common/dense_ids.h"

#include <algorithm>
#include <cstring>

namespace precis::internal {

void DenseIds::Clear() {
  // A table grown for one huge story is not kept for the next ones.
  if (slots_.size() > (std::size_t{1} << 20)) slots_ = {};
  // Slots of an older stamp are empty: clearing costs nothing per slot,
  // except when the stamp wraps around.
  if (++stamp_ == 0) {
    std::fill(slots_.begin(), slots_.end(), Slot{});
    stamp_ = 1;
  }
  size_ = 0;
}

void DenseIds::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.stamp != stamp_) continue;
    std::size_t i = Home(slot.key) & mask;
    while (slots_[i].stamp == stamp_) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

std::uint32_t DenseIds::Insert(std::uint64_t key, bool* inserted) {
  if (2 * (size_ + 1) > slots_.size()) Grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = Home(key) & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.stamp != stamp_) {
      slot = {key, static_cast<std::uint32_t>(size_++), stamp_};
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
  // Tables grown for one huge story are not kept for the next ones.
  if (slots_.size() > (std::size_t{1} << 20)) {
    *this = {};
    return;
  }
  text_.clear();
  spans_.clear();
  std::fill(slots_.begin(), slots_.end(), Slot{});
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
  const std::uint32_t hash = Hash(key);
  Slot& slot = slots_[Probe(key, hash)];
  *inserted = slot.id_plus_one == 0;
  if (*inserted) {
    spans_.emplace_back(text_.size(), key.size());
    text_.append(key);
    slot = {hash, static_cast<std::uint32_t>(spans_.size())};
  }
  return slot.id_plus_one - 1;
}

}  // namespace precis::internal
