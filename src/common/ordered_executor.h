// The one parallel executor: items in, results out in input order, on N
// threads. `precis summarize` (batch mode), ROUGE scoring and the bench run
// on it, so the rules below hold for all three.
//
// Contract of RunOrdered(threads, take, make_state, work, deliver):
// - take(Item&) -> bool fills the next item, or returns false at the end of
//   the input. Calls are serialized (never two at once), so a source needs no
//   lock of its own, and the items are numbered 0, 1, 2, ... in the order
//   take() gave them. Whatever take() reads (a signal flag, its own "end of
//   input" flag) it reads in that order too.
// - make_state() -> State runs once on each worker thread, before its first
//   item: per-thread scratch (a summarizer, a scorer) and untimed warm-up.
// - work(State&, Item&, index) -> Result runs concurrently on the workers.
// - deliver(index, Result&&) -> bool gets every result in input order, one
//   call at a time; returning false stops the run: no item is taken after,
//   and the results of items already taken are dropped, never delivered.
// - Stop on error: an exception from work() or deliver() stops the run as
//   deliver() returning false would, at that item's place in the input; the
//   earliest in input order is rethrown once every thread has finished (so
//   which error is reported does not depend on the thread count). An
//   exception from take() ends the input there; it is rethrown after the
//   items before it are delivered, unless the run stopped first. An
//   exception from make_state() stops the run and is rethrown.
// - Memory: at most about 2 x threads items are taken and not yet
//   delivered (a slow item holds later results back, and its worker's
//   colleagues wait rather than read the whole input ahead).
// - Threads: `threads` (at least 1) counting the calling thread. When the
//   system refuses a thread (a process limit, no memory for its stack), the
//   run goes on with those that started (RunOnThreads); the stats say how
//   many ran, so a command can say so.
// The output depends only on the items, never on the thread count.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>

#include "common/threads.h"

namespace precis {

struct OrderedRunStats {
  std::size_t threads_asked = 0;
  std::size_t threads_ran = 0;  // fewer than asked when the system refused some
  std::size_t taken = 0;        // items take() gave
  std::size_t delivered = 0;    // results deliver() got
  bool stopped = false;         // deliver() said stop, or an error stopped the run
};

template <typename Item, typename Take, typename MakeState, typename Work, typename Deliver>
OrderedRunStats RunOrdered(std::size_t threads, Take&& take, MakeState&& make_state, Work&& work,
                           Deliver&& deliver) {
  using State = std::invoke_result_t<MakeState&>;
  using Result = std::invoke_result_t<Work&, State&, Item&, std::size_t>;
  struct Slot {
    bool ready = false;
    std::optional<Result> result;
    std::exception_ptr failure;
  };
  if (threads == 0) threads = 1;
  const std::size_t window = 2 * threads;

  std::mutex take_mutex;   // serializes take()
  std::mutex state_mutex;  // the rest below, and deliver()
  std::condition_variable room;
  std::deque<Slot> pending;  // pending[k]: the item numbered delivered + k
  bool no_more = false;      // the input ended or the run stopped
  std::exception_ptr failure, take_failure;
  OrderedRunStats stats;
  stats.threads_asked = threads;

  // Under state_mutex: the run stops at the current delivery point.
  const auto stop = [&](std::exception_ptr error) {
    if (error && !failure) failure = std::move(error);
    stats.stopped = true;
    no_more = true;
    pending.clear();
    room.notify_all();
  };
  // Under state_mutex: delivers every result that is due.
  const auto deliver_due = [&] {
    while (!stats.stopped && !pending.empty() && pending.front().ready) {
      Slot slot = std::move(pending.front());
      pending.pop_front();
      const std::size_t index = stats.delivered++;
      if (slot.failure) {
        stop(slot.failure);
        break;
      }
      try {
        if (!deliver(index, std::move(*slot.result))) stop(nullptr);
      } catch (...) {
        stop(std::current_exception());
      }
    }
    room.notify_all();
  };

  const auto worker = [&] {
    try {
      State state = make_state();
      Item item{};
      for (;;) {
        std::size_t index = 0;
        {
          std::lock_guard<std::mutex> take_lock(take_mutex);
          {
            std::unique_lock<std::mutex> lock(state_mutex);
            room.wait(lock, [&] { return no_more || stats.taken - stats.delivered < window; });
            if (no_more) return;
          }
          bool got = false;
          std::exception_ptr error;
          try {
            got = take(item);
          } catch (...) {
            error = std::current_exception();
          }
          std::lock_guard<std::mutex> lock(state_mutex);
          if (!got) {
            if (error) take_failure = error;
            no_more = true;
            room.notify_all();
            return;
          }
          index = stats.taken++;
          pending.emplace_back();
        }
        Slot slot;
        slot.ready = true;
        try {
          slot.result.emplace(work(state, item, index));
        } catch (...) {
          slot.failure = std::current_exception();
        }
        std::lock_guard<std::mutex> lock(state_mutex);
        if (stats.stopped) continue;  // dropped: the run stopped before it
        pending[index - stats.delivered] = std::move(slot);
        deliver_due();
      }
    } catch (...) {
      // make_state() failed (work() and take() are caught above).
      std::lock_guard<std::mutex> lock(state_mutex);
      stop(std::current_exception());
    }
  };
  stats.threads_ran = RunOnThreads(threads, worker);
  if (failure) std::rethrow_exception(failure);
  if (take_failure && !stats.stopped) std::rethrow_exception(take_failure);
  return stats;
}

// RunOrdered over the items 0 .. count-1: work(State&, index) -> Result.
template <typename MakeState, typename Work, typename Deliver>
OrderedRunStats RunIndexed(std::size_t count, std::size_t threads, MakeState&& make_state, Work&& work,
                           Deliver&& deliver) {
  std::size_t next = 0;  // only take() touches it, and its calls are serialized
  return RunOrdered<std::size_t>(
      threads,
      [&](std::size_t& item) {
        if (next == count) return false;
        item = next++;
        return true;
      },
      make_state, [&](auto& state, std::size_t& item, std::size_t) { return work(state, item); }, deliver);
}

}  // namespace precis
