// InputStream: the one way an input is opened for streaming (files and
// standard input, gzip inflated as it is read).
#include <zlib.h>

#include <cerrno>
#include <fstream>
#include <streambuf>
#include <string>
#include <string_view>
#include <utility>

#include "precis/error.h"
#include "precis/ingest.h"

namespace precis::ingest {
namespace {

// The first block of an input (to tell its format) after what was
// `already_read`, and more while it is blank: up to `max_bytes`.
std::string ReadHead(std::istream& in, const std::string& name, std::size_t max_bytes, std::string already_read = {}) {
  std::string head = std::move(already_read);
  char block[1 << 16];
  for (;;) {
    in.read(block, sizeof block);
    if (in.bad()) throw Error(name + ": read error");
    head.append(block, static_cast<std::size_t>(in.gcount()));
    if (!in || head.find_first_not_of(" \t\r\n") != std::string::npos) return head;
    if (head.size() > max_bytes) {
      throw ingest::InputTooLarge(name + ": larger than the limit of " + std::to_string(max_bytes) + " bytes");
    }
  }
}

bool IsGzip(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b;
}

}  // namespace

// The decompressed bytes of gzip data (concatenated members in turn),
// inflated as they are asked for: JSONL in gzip is streamed like plain
// JSONL, and a page or article stops at the reader's limit as it is
// inflated. Broken or truncated data throws Error naming the input.
class InputStream::Gunzip : public std::streambuf {
 public:
  Gunzip(std::istream& in, std::string head, std::string name)
      : in_(in), name_(std::move(name)), input_(std::move(head)) {
    // 16 + MAX_WBITS: gzip framing.
    if (inflateInit2(&stream_, 16 + MAX_WBITS) != Z_OK) throw Error(name_ + ": cannot start the gzip decoder");
    Give();
  }
  ~Gunzip() override { inflateEnd(&stream_); }
  Gunzip(const Gunzip&) = delete;
  Gunzip& operator=(const Gunzip&) = delete;

 protected:
  int_type underflow() override {
    while (gptr() == egptr() && !finished_) Inflate();
    return gptr() == egptr() ? traits_type::eof() : traits_type::to_int_type(*gptr());
  }

 private:
  void Give() {
    stream_.next_in = reinterpret_cast<Bytef*>(input_.data());
    stream_.avail_in = static_cast<uInt>(input_.size());
  }
  // More compressed input once the decoder has taken all it had.
  void Refill() {
    if (stream_.avail_in != 0 || input_done_) return;
    input_.resize(1 << 16);
    in_.read(input_.data(), static_cast<std::streamsize>(input_.size()));
    if (in_.bad()) throw Error(name_ + ": read error");
    input_.resize(static_cast<std::size_t>(in_.gcount()));
    input_done_ = input_.empty();
    Give();
  }
  void Inflate() {
    Refill();
    stream_.next_out = reinterpret_cast<Bytef*>(out_);
    stream_.avail_out = sizeof out_;
    const int status = inflate(&stream_, Z_NO_FLUSH);
    setg(out_, out_, out_ + (sizeof out_ - stream_.avail_out));
    if (status == Z_STREAM_END) {
      Refill();
      if (stream_.avail_in == 0) {
        finished_ = true;
      } else {
        earlier_members_ += stream_.total_in;  // inflateReset zeroes it
        inflateReset(&stream_);
      }
    } else if (status != Z_OK) {
      // Z_BUF_ERROR here: the input ended mid-stream.
      throw Error(name_ + ": broken or truncated gzip data (at byte " +
                  std::to_string(earlier_members_ + stream_.total_in) + " of the compressed data)");
    }
  }

  std::istream& in_;
  std::string name_;
  std::string input_;  // compressed bytes given to the decoder
  bool input_done_ = false;
  bool finished_ = false;
  z_stream stream_{};
  std::size_t earlier_members_ = 0;
  char out_[1 << 16];
};

InputStream::InputStream(const std::string& path, std::istream& standard_input, std::size_t max_head_bytes)
    : name_(path == "-" ? "<stdin>" : path) {
  std::istream* in = &standard_input;
  if (path != "-") {
    errno = 0;
    file_ = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*file_) throw Error(PathProblem(path, errno));
    in = file_.get();
  }
  Open(*in, max_head_bytes, {});
}

InputStream::InputStream(std::istream& in, std::string name, std::size_t max_head_bytes, std::string already_read)
    : name_(std::move(name)) {
  Open(in, max_head_bytes, std::move(already_read));
}

void InputStream::Open(std::istream& raw, std::size_t max_head_bytes, std::string already_read) {
  std::istream* in = &raw;
  head_ = ReadHead(*in, name_, max_head_bytes, std::move(already_read));
  if (IsGzip(head_)) {
    gunzip_ = std::make_unique<Gunzip>(*in, std::move(head_), name_);
    unzipped_ = std::make_unique<std::istream>(gunzip_.get());
    // Broken gzip data throws from the buffer: let the Error through.
    unzipped_->exceptions(std::ios::badbit);
    in = unzipped_.get();
    try {
      head_ = ReadHead(*in, name_, max_head_bytes);
    } catch (const InputTooLarge&) {
      throw InputTooLarge(DecompressedTooLarge(name_, max_head_bytes));
    }
  }
  rest_ = in;
}

InputStream::~InputStream() = default;

std::string InputStream::DecompressedTooLarge(const std::string& name, std::size_t limit) {
  return name + ": the decompressed data passes the limit of " + std::to_string(limit) +
         " bytes; decompression stopped there";
}

}  // namespace precis::ingest
