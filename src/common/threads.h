// Running a work loop on several threads when the system may refuse some.
//
// A thread the system cannot create (a process limit, no memory for its
// stack) must not end the run: std::thread's constructor throws, and a
// vector of joinable threads destroyed by that exception aborts the
// process. The work loops here pull their items from a shared counter, so
// they are correct on any number of threads; fewer than asked only costs
// time.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>

namespace precis {

// Runs `work` on `wanted` threads (at least 1), the calling thread being one
// of them, and waits for all. Returns how many ran: fewer than `wanted` when
// the system refused a thread (then no further one is tried). `work` must be
// safe to run concurrently with itself and must not throw.
std::size_t RunOnThreads(std::size_t wanted, const std::function<void()>& work);

// The worker count for a request: `asked` when positive, else every core;
// at least 1 and at most `items` (no idle threads for a short list).
std::size_t ResolveThreads(long asked, std::size_t items = std::numeric_limits<std::size_t>::max());

}  // namespace precis
