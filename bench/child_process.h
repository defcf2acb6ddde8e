// What the memory benchmarks share: running precis as a child process and
// reading its peak memory and CPU time from the kernel (wait4), sizes given
// as "64M", and the load average that says whether figures are comparable.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace precis::bench {

struct RunResult {
  double seconds = 0;      // wall time
  double cpu_seconds = 0;  // user + system: the wall time depends on what else runs
  long max_rss_kb = 0;
  int status = -1;         // exit status, -1 when killed by a signal
};

// Runs `args` (args[0] the program's path) with its standard output, and its
// standard error too when `quiet_errors`, sent to /dev/null. Exits the
// benchmark when the child cannot be started or reaped.
inline RunResult RunChild(const std::vector<std::string>& args, bool quiet_errors) {
  std::fflush(stdout);  // the child must not inherit buffered lines
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    std::perror("fork");
    std::exit(1);
  }
  if (pid == 0) {
    if (std::freopen("/dev/null", "w", stdout) == nullptr) ::_exit(127);
    if (quiet_errors && std::freopen("/dev/null", "w", stderr) == nullptr) ::_exit(127);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  if (::wait4(pid, &status, 0, &usage) < 0) {
    std::perror("wait4");
    std::exit(1);
  }
  RunResult r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.max_rss_kb = usage.ru_maxrss;
  r.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// "64M", "1.5G", "800k" (decimal units) or a plain count of bytes; exits
// with status 2 naming `program` on anything else.
inline std::uint64_t ParseSize(const std::string& text, const char* program) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  double unit = 1;
  if (end != nullptr && *end != '\0') {
    switch (*end) {
      case 'k': case 'K': unit = 1e3; break;
      case 'm': case 'M': unit = 1e6; break;
      case 'g': case 'G': unit = 1e9; break;
      default:
        std::cerr << program << ": bad size " << text << "\n";
        std::exit(2);
    }
  }
  if (!(value > 0)) {
    std::cerr << program << ": bad size " << text << "\n";
    std::exit(2);
  }
  return static_cast<std::uint64_t>(value * unit);
}

// The 1-minute load average: the figures are only comparable on a quiet machine.
inline std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string first;
  in >> first;
  return first.empty() ? "?" : first;
}

}  // namespace precis::bench
