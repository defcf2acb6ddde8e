#include "common/ordered_executor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace precis {
namespace {

// Early items take longest, so later ones finish first and must wait.
void SleepFor(std::size_t index, std::size_t count) {
  std::this_thread::sleep_for(std::chrono::microseconds(50 * (count - index)));
}

TEST(OrderedExecutorTest, DeliversInInputOrderOnAnyThreadCount) {
  constexpr std::size_t kCount = 200;
  for (const std::size_t threads : {1u, 2u, 8u}) {
    std::vector<std::size_t> order;
    const OrderedRunStats stats = RunIndexed(
        kCount, threads, [] { return 0; },
        [&](int&, std::size_t i) {
          SleepFor(i, kCount);
          return i * i;
        },
        [&](std::size_t i, std::size_t&& square) {
          EXPECT_EQ(square, i * i);
          order.push_back(i);
          return true;
        });
    ASSERT_EQ(order.size(), kCount) << threads << " threads";
    for (std::size_t i = 0; i < kCount; ++i) EXPECT_EQ(order[i], i) << threads << " threads";
    EXPECT_EQ(stats.taken, kCount);
    EXPECT_EQ(stats.delivered, kCount);
    EXPECT_EQ(stats.threads_ran, threads);
    EXPECT_FALSE(stats.stopped);
  }
}

TEST(OrderedExecutorTest, TakeIsSerializedAndNumbersItemsInOrder) {
  std::atomic<int> inside{0};
  int next = 0;
  std::vector<int> seen;
  RunOrdered<int>(
      4,
      [&](int& item) {
        EXPECT_EQ(++inside, 1);  // never two take() calls at once
        std::this_thread::sleep_for(std::chrono::microseconds(20));
        item = next++;
        --inside;
        return item < 100;
      },
      [] { return 0; }, [](int&, int& item, std::size_t index) { return item == static_cast<int>(index); },
      [&](std::size_t index, bool numbered_in_order) {
        EXPECT_TRUE(numbered_in_order) << index;
        seen.push_back(static_cast<int>(index));
        return true;
      });
  EXPECT_EQ(seen.size(), 100u);
}

TEST(OrderedExecutorTest, StopDeliversNothingAfterTheStoppingItem) {
  for (const std::size_t threads : {1u, 3u}) {
    std::vector<std::size_t> delivered;
    const OrderedRunStats stats = RunIndexed(
        1000, threads, [] { return 0; },
        [](int&, std::size_t i) {
          SleepFor(i % 7, 7);
          return i;
        },
        [&](std::size_t i, std::size_t&&) {
          delivered.push_back(i);
          return i != 10;
        });
    EXPECT_TRUE(stats.stopped);
    ASSERT_EQ(delivered.size(), 11u) << threads << " threads";
    EXPECT_EQ(delivered.back(), 10u);
    // Taking stops too: at most the window beyond the stopping item.
    EXPECT_LE(stats.taken, 11 + 2 * threads) << threads << " threads";
  }
}

TEST(OrderedExecutorTest, TheEarliestFailureInInputOrderIsRethrown) {
  for (const std::size_t threads : {1u, 4u}) {
    std::size_t delivered = 0;
    try {
      RunIndexed(
          100, threads, [] { return 0; },
          [](int&, std::size_t i) {
            // Item 30 fails late, item 31 at once: 30 must still win.
            if (i == 30) {
              std::this_thread::sleep_for(std::chrono::milliseconds(20));
              throw std::runtime_error("item 30");
            }
            if (i == 31) throw std::runtime_error("item 31");
            return i;
          },
          [&](std::size_t, std::size_t&&) {
            ++delivered;
            return true;
          });
      ADD_FAILURE() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()), "item 30");
    }
    EXPECT_EQ(delivered, 30u) << threads << " threads";
  }
}

TEST(OrderedExecutorTest, AFailingTakeEndsTheInputAfterItsItemsAreDelivered) {
  int next = 0;
  std::size_t delivered = 0;
  EXPECT_THROW(RunOrdered<int>(
                   2,
                   [&](int& item) {
                     if (next == 5) throw std::runtime_error("read error");
                     item = next++;
                     return true;
                   },
                   [] { return 0; }, [](int&, int& item, std::size_t) { return item; },
                   [&](std::size_t, int&&) {
                     ++delivered;
                     return true;
                   }),
               std::runtime_error);
  EXPECT_EQ(delivered, 5u);
}

TEST(OrderedExecutorTest, EachThreadMakesItsStateOnceOnItsOwnThread) {
  std::atomic<int> made{0};
  RunIndexed(
      50, 3,
      [&] {
        ++made;
        return std::this_thread::get_id();
      },
      [](std::thread::id& owner, std::size_t) { return owner == std::this_thread::get_id(); },
      [](std::size_t, bool same_thread) {
        EXPECT_TRUE(same_thread);
        return true;
      });
  EXPECT_EQ(made.load(), 3);
}

TEST(OrderedExecutorTest, ResolveThreadsBoundsTheRequest) {
  EXPECT_EQ(ResolveThreads(3), 3u);
  EXPECT_EQ(ResolveThreads(8, 2), 2u);
  EXPECT_EQ(ResolveThreads(8, 0), 1u);
  EXPECT_GE(ResolveThreads(0), 1u);
  EXPECT_GE(ResolveThreads(-1), 1u);
}

}  // namespace
}  // namespace precis
