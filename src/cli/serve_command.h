// `precis serve`: the store and the server of precis/serve.h behind a port,
// until SIGINT or SIGTERM.
// Exit status: 0 stopped by a signal (requests in progress finished); 1 the
// store could not be opened or the port bound; 2 bad usage (a bind address
// off loopback without --token).
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace precis::cli {

struct ServeInvocation {
  std::string db;
  int port = 8080;
  std::string bind = "127.0.0.1";
  std::string token;
  std::size_t words = 100;
  std::size_t max_body_bytes = std::size_t{16} << 20;
  int threads = 8;
};

CLI::App* AddServeCommand(CLI::App& app, ServeInvocation* inv);

// Serves until SIGINT or SIGTERM; `out` hears where, `err` what failed.
int RunServe(const ServeInvocation& inv, std::ostream& out, std::ostream& err);

}  // namespace precis::cli
