#include "common/threads.h"

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

}  // namespace precis
