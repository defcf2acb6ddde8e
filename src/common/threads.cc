#include "common/threads.h"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace precis {

std::size_t RunOnThreads(std::size_t wanted, const std::function<void()>& work) {
  std::vector<std::thread> pool;
  try {
    pool.reserve(wanted > 1 ? wanted - 1 : 0);
    for (std::size_t t = 1; t < wanted; ++t) pool.emplace_back(work);
  } catch (const std::exception&) {
    // Refused (EAGAIN, no memory for a stack): go on with the threads that
    // started.
  }
  work();
  for (std::thread& t : pool) t.join();
  return pool.size() + 1;
}

std::size_t ResolveThreads(long asked, std::size_t items) {
  std::size_t threads = asked > 0 ? static_cast<std::size_t>(asked) : std::thread::hardware_concurrency();
  return std::max<std::size_t>(1, std::min(threads, items));
}

}  // namespace precis
