// What the commands share about ending a run: where the results go
// (standard output, or a file that is either complete or untouched), how an
// interruption is noticed and reported, and the exit statuses.
//
// A file is written to a temporary file beside it (same directory, so the
// final rename is atomic) and renamed over the destination by Commit().
// Destroying an OutputTarget that was not committed (an error, an
// interruption) removes the temporary file: a failed run never leaves a
// truncated output behind, and an existing file of that name is kept. The
// temporary file is synced to disk before the rename. An existing FIFO or
// device is written directly instead (a rename would replace it).
//
// Thread safety: one OutputTarget per command; not shared between threads
// without the caller's lock. Errors: OutputProblem naming the file.
#pragma once

#include <csignal>
#include <fstream>
#include <iosfwd>
#include <string>

#include "precis/error.h"

namespace precis::cli {

// Exit statuses of every command (README "Exit status"): an interrupted run
// exits 128 + the signal number (130 for SIGINT, 143 for SIGTERM).
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;  // some input was bad, each named on standard error
inline constexpr int kExitUsage = 2;
inline constexpr int kExitOutput = 3;    // the output could not be written
inline constexpr int kExitEmptyBrief = 4;  // precis summarize: a brief holds no sentence (none fits the budget)
inline constexpr int kExitSignalBase = 128;

// The output could not be created or written (exit status 3 of the CLI).
class OutputProblem : public Error {
 public:
  using Error::Error;
};

class OutputTarget {
 public:
  // `path` empty or "-": standard output (`stdout_stream`, not owned).
  // Otherwise creates the temporary file; throws Error when it cannot.
  OutputTarget(const std::string& path, std::ostream& stdout_stream);
  ~OutputTarget();
  OutputTarget(const OutputTarget&) = delete;
  OutputTarget& operator=(const OutputTarget&) = delete;

  std::ostream& stream() { return *stream_; }
  bool is_file() const { return !path_.empty(); }
  const std::string& path() const { return path_; }

  // Flushes; for a file, closes it and renames it over the destination.
  // Throws Error when writing, closing or renaming failed (disk full, ...).
  void Commit();

 private:
  std::string path_;       // destination; empty for standard output
  std::string temp_path_;  // the temporary file while not committed
  std::ofstream file_;
  std::ostream* stream_;
  bool committed_ = false;
};

// Turns SIGINT and SIGTERM into a flag for the lifetime of the guard, so a
// long run can stop between stories, remove its temporary output and say
// what happened, instead of dying mid-write. Reads blocked on a pipe or a
// terminal are interrupted (no SA_RESTART). A second signal of either kind
// removes the temporary output file and ends the process by that signal's
// default action (the user insists); Received() keeps the first. Reading
// JSONL stops at a signal too (ingest::SetReadCancellation), even from an
// input that never blocks (/dev/zero). Restores the previous handlers.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // The first signal received since the guard was made, or 0.
  static int Received();

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
  bool (*previous_cancellation_)() = nullptr;  // ingest::SetReadCancellation's, restored
};

// Says on `err` that `command` ("precis clean", ...) was interrupted and
// what became of its output; returns the exit status (128 + signal). Call it
// when InterruptGuard::Received() is not 0, before `target` is committed.
int ReportInterrupted(const std::string& command, std::ostream& err, const OutputTarget& target);

}  // namespace precis::cli
