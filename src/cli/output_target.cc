#include "cli/output_target.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "precis/error.h"
#include "precis/ingest.h"

namespace precis::cli {
namespace {

// A signal handler can only reach process-wide state: this flag is the one
// piece of global state of the command line, written by the handler only.
// A lock-free atomic (not volatile sig_atomic_t): worker threads read it
// while the handler writes it.
std::atomic<int> g_received_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal flag must be usable in a signal handler");

// The temporary output file, for the handler to remove on a second signal:
// a fixed buffer, as the handler may not allocate. Published by the flag.
char g_temp_path[4096];
std::atomic<bool> g_temp_path_set{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the path flag must be usable in a signal handler");

void PublishTempPath(const std::string& path) {
  g_temp_path_set.store(false);
  if (path.size() >= sizeof g_temp_path) return;  // left behind on a second signal, rather than cut
  std::memcpy(g_temp_path, path.c_str(), path.size() + 1);
  g_temp_path_set.store(true);
}

// Async-signal-safe calls only (unlink, signal, raise).
extern "C" void RecordSignal(int signal_number) {
  int none = 0;
  if (g_received_signal.compare_exchange_strong(none, signal_number)) return;
  if (g_temp_path_set.load()) ::unlink(g_temp_path);
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);  // blocked in its own handler: delivered, by the default action, on return
}

// The data reaches the disk before the new name does: after a crash the
// destination is the old file or the new one, never an empty one.
void SyncToDisk(const std::string& temp_path, const std::string& path) {
  const int fd = ::open(temp_path.c_str(), O_RDONLY);
  if (fd >= 0 && ::fsync(fd) == 0) {
    ::close(fd);
    return;
  }
  const int error = errno;
  if (fd >= 0) ::close(fd);
  throw OutputProblem(path + ": cannot flush the output to disk: " + std::strerror(error) +
                      "; the file was not written");
}

}  // namespace

OutputTarget::OutputTarget(const std::string& path, std::ostream& stdout_stream) : stream_(&stdout_stream) {
  if (path.empty() || path == "-") return;
  path_ = path;
  const std::filesystem::path destination(path);
  std::error_code ec;
  if (std::filesystem::is_directory(destination, ec)) throw OutputProblem(path + ": is a directory");
  struct stat existing {};
  const bool exists = ::stat(path.c_str(), &existing) == 0;
  if (exists && !S_ISREG(existing.st_mode)) {
    // A FIFO or a device is written directly: a rename would replace it with
    // a regular file (and a reader of the FIFO would wait forever).
    file_.open(path, std::ios::binary);
    if (!file_) throw OutputProblem(path + ": cannot open for writing: " + std::strerror(errno));
    stream_ = &file_;
    return;
  }
  // mkstemp picks a name nobody else uses, in the destination's directory.
  std::string hidden_name = ".";  // appended, not "." + name: GCC 12 warns falsely (-Wrestrict) on that
  hidden_name += destination.filename().string();
  hidden_name += ".partial-XXXXXX";
  std::string pattern = (destination.parent_path() / hidden_name).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) throw OutputProblem(path + ": cannot create a file in its directory: " + std::strerror(errno));
  // mkstemp makes the file 0600: give it the mode of the file it replaces,
  // or the usual mode of a new file (0666 less the umask).
  if (exists) {
    ::fchmod(fd, existing.st_mode & 07777);
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
  }
  ::close(fd);
  temp_path_ = name.data();
  PublishTempPath(temp_path_);
  file_.open(temp_path_, std::ios::binary | std::ios::trunc);
  if (!file_) {
    g_temp_path_set.store(false);
    std::remove(temp_path_.c_str());
    throw OutputProblem(path + ": cannot open a temporary file for writing");
  }
  stream_ = &file_;
}

OutputTarget::~OutputTarget() {
  if (!temp_path_.empty() && !committed_) {
    g_temp_path_set.store(false);
    file_.close();
    std::remove(temp_path_.c_str());
  }
}

void OutputTarget::Commit() {
  stream_->flush();
  if (path_.empty()) {
    if (!*stream_) throw OutputProblem("cannot write to standard output");
    committed_ = true;
    return;
  }
  file_.close();
  if (temp_path_.empty()) {  // written directly (a FIFO or a device)
    if (!file_) throw OutputProblem(path_ + ": writing failed");
    committed_ = true;
    return;
  }
  if (!file_) throw OutputProblem(path_ + ": writing failed (disk full?); the file was not written");
  SyncToDisk(temp_path_, path_);
  if (std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    throw OutputProblem(path_ + ": cannot move the finished output into place: " + std::strerror(errno));
  }
  g_temp_path_set.store(false);
  committed_ = true;
}

InterruptGuard::InterruptGuard() {
  g_received_signal.store(0);
  struct sigaction action {};
  action.sa_handler = RecordSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocked read returns
  ::sigaction(SIGINT, &action, &previous_int_);
  ::sigaction(SIGTERM, &action, &previous_term_);
  previous_cancellation_ = ingest::SetReadCancellation([] { return g_received_signal.load() != 0; });
}

InterruptGuard::~InterruptGuard() {
  ingest::SetReadCancellation(previous_cancellation_);
  ::sigaction(SIGINT, &previous_int_, nullptr);
  ::sigaction(SIGTERM, &previous_term_, nullptr);
}

int InterruptGuard::Received() { return g_received_signal.load(); }

int ReportInterrupted(const std::string& command, std::ostream& err, const OutputTarget& target) {
  const int signal_number = InterruptGuard::Received();
  err << command << ": interrupted by signal " << signal_number
      << (target.is_file() ? "; " + target.path() + " was not written" : std::string("; the output stops there"))
      << "\n";
  return kExitSignalBase + signal_number;
}

}  // namespace precis::cli
