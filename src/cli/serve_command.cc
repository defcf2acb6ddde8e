#include "cli/serve_command.h"

#include <CLI/CLI.hpp>
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include "cli/numbers.h"
#include "precis/error.h"
#include "precis/serve.h"

namespace precis::cli {

CLI::App* AddServeCommand(CLI::App& app, ServeInvocation* inv) {
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve a newsroom's stories: articles posted to the JSON API are cleaned, clustered into stories\n"
      "and stored in --db; each story's cited brief is computed when it changes. The page at / lists\n"
      "the stories and shows each one's brief, sources and disagreements. Example:\n"
      "  precis serve --db news.db --port 8080, then open http://127.0.0.1:8080/");
  cmd->add_option("--db", inv->db, "The store (SQLite file, created when absent)")->required();
  AddCountOption(cmd, "--port", &inv->port, 0, 65535, "Port (default 8080; 0: any free port, printed)");
  cmd->add_option("--bind", inv->bind,
                  "Address to listen on (default 127.0.0.1); another than loopback needs --token");
  cmd->add_option("--token", inv->token, "Writes (POST) need the header Authorization: Bearer TOKEN");
  AddCountOption(cmd, "--words", &inv->words, 1, 2000, "The brief's budget in words when a request gives none (default 100)");
  AddCountOption(cmd, "--max-body-bytes", &inv->max_body_bytes, 1, kNoBound,
                 "Largest POST body accepted (default 16 MiB; larger: HTTP 413)");
  AddCountOption(cmd, "--threads", &inv->threads, 1, 256, "Threads answering requests (default 8)");
  cmd->footer("Exit status: 0 stopped by SIGINT/SIGTERM; 1 the store could not be opened or the port bound;\n"
              "2 bad usage.");
  return cmd;
}

int RunServe(const ServeInvocation& inv, std::ostream& out, std::ostream& err) {
  serve::ServerOptions options;
  options.bind = inv.bind;
  options.port = inv.port;
  options.token = inv.token;
  options.words = inv.words;
  options.max_body_bytes = inv.max_body_bytes;
  options.threads = inv.threads;
  if (!serve::IsLoopback(options.bind) && options.token.empty()) {
    err << "precis serve: --bind " << options.bind << " is not loopback: give --token, which writes will need\n";
    return 2;
  }
  // The signals are taken by one thread (sigwait), so every other thread,
  // the server's included, is created with them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  try {
    serve::Store store(inv.db);
    serve::Server server(store, options);
    const int port = server.Bind();
    out << "precis serve: " << store.article_count() << " articles in " << inv.db << "; listening on http://"
        << (options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind) << ":" << port
        << "/\n"
        << std::flush;
    std::thread watcher([&] {
      int signal = 0;
      sigwait(&signals, &signal);
      server.Stop();
    });
    server.Run();
    // Run() ends only after Stop(); should it end on its own, wake the watcher.
    pthread_kill(watcher.native_handle(), SIGTERM);
    watcher.join();
    out << "precis serve: stopped\n";
    return 0;
  } catch (const Error& e) {
    err << "precis serve: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace precis::cli
