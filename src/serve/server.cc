#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <thread>
#include <string_view>

#include "precis/error.h"
#include "precis/serve.h"
#include "precis/text.h"

namespace precis::embedded {
extern const unsigned char serve_page_html[];
extern const std::size_t serve_page_html_size;
extern const unsigned char serve_page_css[];
extern const std::size_t serve_page_css_size;
extern const unsigned char serve_page_js[];
extern const std::size_t serve_page_js_size;
}  // namespace precis::embedded

namespace precis::serve {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxStories = 1000;

// The page may run only its own script and style: a script inside an
// article's text, were it ever inserted as markup, would not run.
constexpr const char* kPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

std::string_view Embedded(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

void Reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void Fail(httplib::Response& res, int status, const std::string& message) { Reply(res, status, {{"error", message}}); }

// A whole number in [low, high] from a query parameter, or nothing.
std::optional<std::size_t> Number(const std::string& s, std::size_t low, std::size_t high) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || value < low || value > high) return std::nullopt;
  return value;
}

// One posted article from its JSON; throws Error naming the field.
Document ArticleFromJson(const json& j) {
  if (!j.is_object()) throw Error("an article must be a JSON object");
  Document doc;
  const auto field = [&](const char* name, std::string* out) {
    const auto it = j.find(name);
    if (it == j.end() || it->is_null()) return;
    if (!it->is_string()) throw Error(std::string("\"") + name + "\" must be a string");
    *out = it->get<std::string>();
  };
  field("id", &doc.id);
  field("title", &doc.title);
  field("date", &doc.date);
  field("source", &doc.source);
  field("url", &doc.url);
  field("author", &doc.author);
  field("text", &doc.text);
  field("html", &doc.html);
  if (doc.text.empty() && doc.html.empty()) throw Error("the article needs \"text\" or \"html\"");
  if (doc.id.size() > 512) throw Error("\"id\" is longer than 512 bytes");
  if (!doc.html.empty()) doc.text.clear();  // as ingest reads a doc: non-empty html wins
  return doc;
}

struct Parsed {
  std::vector<Document> docs;
  std::vector<std::size_t> lines;  // each doc's line (1-based)
  json failed = json::array();
};

std::string JsonReason(const json::parse_error& e) {
  std::string reason = e.what();
  if (const std::size_t cut = reason.find("] "); cut != std::string::npos) reason.erase(0, cut + 2);
  return "invalid JSON: " + reason;
}

void AddItem(Parsed& out, const json& j, std::size_t line) {
  try {
    out.docs.push_back(ArticleFromJson(j));
    out.lines.push_back(line);
  } catch (const Error& e) {
    out.failed.push_back({{"line", line}, {"error", e.what()}});
  }
}

// The body of POST /api/articles: one JSON article (on one line or
// several), a JSON array of them, JSONL, or the plain text of one article.
Parsed ParseBody(const std::string& body) {
  Parsed out;
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw Error("the body is empty: post one JSON article, JSONL lines or a text");
  if (body[first] != '{' && body[first] != '[') {
    if (!text::IsValidUtf8(body)) throw Error("the text is not valid UTF-8");
    Document doc;
    doc.text = body;
    out.docs.push_back(std::move(doc));
    out.lines.push_back(1);
    return out;
  }
  json whole = json::parse(body, nullptr, false);
  if (!whole.is_discarded() && whole.is_object()) {
    AddItem(out, whole, 1);
    return out;
  }
  if (!whole.is_discarded() && whole.is_array()) {
    for (std::size_t i = 0; i < whole.size(); ++i) AddItem(out, whole[i], i + 1);
    return out;
  }
  std::size_t number = 0;
  for (std::size_t at = 0; at <= body.size();) {
    std::size_t end = body.find('\n', at);
    if (end == std::string::npos) end = body.size();
    ++number;
    const std::string_view line(body.data() + at, end - at);
    at = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    try {
      AddItem(out, json::parse(line), number);
    } catch (const json::parse_error& e) {
      out.failed.push_back({{"line", number}, {"error", JsonReason(e)}});
    }
  }
  return out;
}

json ArticleJson(const StoredArticle& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"source", a.source},
          {"date", a.date},
          {"url", a.url},
          {"copy_of", a.copy_of.empty() ? json(nullptr) : json(a.copy_of)},
          {"when", a.when}};
}

json StoryJson(const StoryInfo& s) {
  return {{"id", s.id}, {"title", s.title}, {"updated", s.updated}, {"articles", s.articles}, {"outlets", s.outlets}};
}

}  // namespace

bool IsLoopback(const std::string& address) {
  if (address == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

struct Server::Impl {
  Store& store;
  ServerOptions options;
  httplib::Server http;
  std::atomic<bool> running{false}, stopped{false};

  Impl(Store& s, const ServerOptions& o) : store(s), options(o) {
    if (!IsLoopback(options.bind) && options.token.empty()) {
      throw Error("binding " + options.bind + " (not loopback) needs a token for writes (--token)");
    }
    if (options.port < 0 || options.port > 65535) throw Error("the port must be from 0 to 65535");
    if (options.words == 0 || options.words > options.max_words) {
      throw Error("the brief's budget must be from 1 to " + std::to_string(options.max_words) + " words");
    }
    if (options.threads < 1) throw Error("the server needs at least one thread");
    const int threads = options.threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    http.set_payload_max_length(options.max_body_bytes);
    // Headers and body go out in two writes: without this, Nagle's algorithm
    // and the client's delayed ACK add some 40 ms to every answer.
    http.set_tcp_nodelay(true);
    Routes();
  }

  bool Authorized(const httplib::Request& req) const {
    return options.token.empty() || req.get_header_value("Authorization") == "Bearer " + options.token;
  }

  void Routes() {
    const auto page = [](std::string_view body, const char* type) {
      return [body, type](const httplib::Request&, httplib::Response& res) {
        res.set_header("Content-Security-Policy", kPolicy);
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_content(std::string(body), type);
      };
    };
    http.Get("/", page(Embedded(embedded::serve_page_html, embedded::serve_page_html_size), "text/html; charset=utf-8"));
    http.Get("/app.css", page(Embedded(embedded::serve_page_css, embedded::serve_page_css_size), "text/css; charset=utf-8"));
    http.Get("/app.js", page(Embedded(embedded::serve_page_js, embedded::serve_page_js_size),
                             "text/javascript; charset=utf-8"));

    http.Post("/api/articles", [this](const httplib::Request& req, httplib::Response& res) { PostArticles(req, res); });
    http.Get("/api/stories", [this](const httplib::Request& req, httplib::Response& res) { ListStories(req, res); });
    http.Get(R"(/api/stories/([^/]+))",
             [this](const httplib::Request& req, httplib::Response& res) { GetStory(req, res); });
    http.Get(R"(/api/articles/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
      const auto article = store.GetArticle(req.matches[1].str());
      if (!article) return Fail(res, 404, "no article with id \"" + req.matches[1].str() + "\"");
      json j = ArticleJson(*article);
      j["story"] = article->story;
      j["text"] = article->text;
      Reply(res, 200, j);
    });

    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      std::string message = "internal error";
      try {
        std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        message += std::string(": ") + e.what();
      } catch (...) {
      }
      Fail(res, 500, message);
    });
    // Answers httplib gives itself (no route, a body over the limit) in JSON too.
    http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      // httplib caps form-encoded bodies (curl's default type) at 8 KiB.
      if (res.status == 413 && req.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
        return Fail(res, 415,
                    "post articles as application/json or text/plain, not as a form "
                    "(curl: -H 'Content-Type: application/json')");
      }
      if (res.status == 413) {
        return Fail(res, 413, "the body is larger than " + std::to_string(options.max_body_bytes) + " bytes");
      }
      if (res.status == 404) return Fail(res, 404, "no such path: " + req.path);
      Fail(res, res.status, "bad request");
    });
  }

  void PostArticles(const httplib::Request& req, httplib::Response& res) {
    if (!Authorized(req)) {
      res.set_header("WWW-Authenticate", "Bearer");
      return Fail(res, 401, "writes need the server's token: Authorization: Bearer TOKEN");
    }
    Parsed parsed;
    try {
      parsed = ParseBody(req.body);
    } catch (const Error& e) {
      return Fail(res, 400, e.what());
    }
    const std::vector<AddResult> results = store.Add(parsed.docs);
    json articles = json::array();
    for (std::size_t i = 0; i < results.size(); ++i) {
      const AddResult& r = results[i];
      if (!r.error.empty()) {
        parsed.failed.push_back({{"line", parsed.lines[i]}, {"error", "article \"" + r.id + "\": " + r.error}});
        continue;
      }
      json a = {{"id", r.id}, {"story", r.story}};
      if (!r.duplicate_of.empty()) a["duplicate_of"] = r.duplicate_of;
      articles.push_back(std::move(a));
    }
    std::sort(parsed.failed.begin(), parsed.failed.end(),
              [](const json& a, const json& b) { return a["line"].get<std::size_t>() < b["line"].get<std::size_t>(); });
    // Nothing stored and something wrong: the request as a whole was bad.
    const int status = articles.empty() && !parsed.failed.empty() ? 400 : 200;
    Reply(res, status, {{"articles", std::move(articles)}, {"failed", std::move(parsed.failed)}});
  }

  void ListStories(const httplib::Request& req, httplib::Response& res) {
    StoryQuery query;
    if (req.has_param("limit")) {
      const auto limit = Number(req.get_param_value("limit"), 1, kMaxStories);
      if (!limit) return Fail(res, 400, "limit must be a whole number from 1 to " + std::to_string(kMaxStories));
      query.limit = *limit;
    }
    query.since = req.get_param_value("since");
    query.q = req.get_param_value("q");
    if (query.q.size() > 1000) return Fail(res, 400, "q is longer than 1000 bytes");
    json stories = json::array();
    for (const StoryInfo& s : store.Stories(query)) stories.push_back(StoryJson(s));
    Reply(res, 200, {{"stories", std::move(stories)}});
  }

  void GetStory(const httplib::Request& req, httplib::Response& res) {
    const auto id = Number(req.matches[1].str(), 1, static_cast<std::size_t>(INT64_MAX));
    if (!id) return Fail(res, 404, "no story with id \"" + req.matches[1].str() + "\" (ids are 1, 2, 3...)");
    std::size_t words = options.words;
    if (req.has_param("words")) {
      const auto w = Number(req.get_param_value("words"), 1, options.max_words);
      if (!w) return Fail(res, 400, "words must be a whole number from 1 to " + std::to_string(options.max_words));
      words = *w;
    }
    // One read: the story's line, its articles and its brief from the same
    // snapshot, so the brief's article numbers count in the list given.
    const auto story = store.ReadStory(*id, words);
    if (!story) return Fail(res, 404, "no story with id " + std::to_string(*id));
    json j = StoryJson(story->info);
    json articles = json::array();
    for (const StoredArticle& a : story->articles) articles.push_back(ArticleJson(a));
    j["articles"] = std::move(articles);
    // The brief as stored, a JSON object {"brief", "disagreements",
    // "quotes"} written by the store, joins the answer as it is: parsing and
    // writing it again took most of the time of a read from the cache.
    const std::string& brief = story->brief;
    if (brief.size() < 2 || brief.front() != '{' || brief.back() != '}') {
      return Fail(res, 500, "the stored brief of story " + std::to_string(*id) + " is not a JSON object");
    }
    std::string body = j.dump(-1, ' ', false, json::error_handler_t::replace);
    body.pop_back();  // its closing brace
    if (brief.size() > 2) body += ',';
    body.append(brief, 1, std::string::npos);
    res.status = 200;
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(body), "application/json");
  }
};

Server::Server(Store& store, const ServerOptions& options) : impl_(std::make_unique<Impl>(store, options)) {}
Server::~Server() = default;

int Server::Bind() {
  const std::string& host = impl_->options.bind;
  if (impl_->options.port == 0) {
    const int port = impl_->http.bind_to_any_port(host);
    if (port < 0) throw Error("cannot bind " + host + " on any port");
    return port;
  }
  if (!impl_->http.bind_to_port(host, impl_->options.port)) {
    throw Error("cannot bind " + host + ":" + std::to_string(impl_->options.port) + " (in use, or not allowed)");
  }
  return impl_->options.port;
}

void Server::Run() {
  impl_->running = true;
  if (!impl_->stopped) impl_->http.listen_after_bind();
  impl_->running = false;
}

void Server::Stop() {
  impl_->stopped = true;
  // A Stop() just after Run() began: wait for the listener, or stop() would
  // find nothing to stop and Run() would go on.
  while (impl_->running && !impl_->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  impl_->http.stop();
}

}  // namespace precis::serve
